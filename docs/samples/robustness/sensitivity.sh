# Which choice moves the ranking most: the weights (±20 %) or leaving one sub-index out?
chiso sensitivity --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --year 2018 --weights-pm 20 --exclude-one --samples 200 --seed 1 | sed -n 1,12p
