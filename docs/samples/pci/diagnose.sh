chiso diagnose --index pci --input examples/data/pci/pci_subindices.csv \
  --unit-column province --unit "Nam Định" --year 2018 --from 2017
