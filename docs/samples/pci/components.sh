# Every sub-index's score and rank beside the composite, as CSV at full precision
# (the first columns of the first rows shown).
chiso score --index pci --input examples/data/pci/pci_subindices.csv \
  --unit-column province --year 2018 --components --format csv | cut -d, -f1-8 | sed -n 1,4p
