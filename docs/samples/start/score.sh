# Rank the 63 provinces on PCI 2018 from the bundled published sub-indices.
chiso score --index pci --input examples/data/pci/pci_subindices.csv \
  --unit-column province --year 2018 | sed -n 1,9p
