# 2017 → 2018: score change and places gained, the headline rows and Nam Định.
chiso compare --index pci --input examples/data/pci/pci_subindices.csv \
  --unit-column province --from 2017 --to 2018 | sed -n '1,6p;/Nam Định/p'
