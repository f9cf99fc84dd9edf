# Is Nam Định's 6-place move from 2017 to 2018 larger than the noise of the weights?
chiso uncertainty --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --year 2018 --from 2017 --weights-pm 20 --samples 2000 --seed 1 | sed -n '1,5p;/Nam Định/p'
