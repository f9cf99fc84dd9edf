# The same target when transparency can rise by at most 0.5 points this year: the plan
# spreads over the next sub-indices by weight per point.
chiso plan --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --unit "Nam Định" --year 2018 --target top:10 --cap transparency=0.5
