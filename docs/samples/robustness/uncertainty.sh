# Rank intervals of PCI 2018 when every weight may be 20 % off (2,000 samples, seed 1).
chiso uncertainty --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --year 2018 --weights-pm 20 --samples 2000 --seed 1 | sed -n '1,6p;/Nam Định/p'
