chiso audit --index pci --input examples/data/pci/pci_subindices.csv --unit-column province --year 2018 | sed -n 1,14p
