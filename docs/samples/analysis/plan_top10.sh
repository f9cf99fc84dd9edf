# What must rise, and by how much, for Nam Định to enter the top 10 of 2018? The smallest
# total of sub-index points (equal cost per point unless --cost says otherwise).
chiso plan --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --unit "Nam Định" --year 2018 --target top:10
