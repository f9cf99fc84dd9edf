# With costs per point (say, what a point of each sub-index costs the province's budget):
# labor training at half the cost of the others, the cheapest way changes.
chiso plan --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --unit "Nam Định" --year 2018 --target top:10 --cost labor_policy=0.5 --summary | head -n 1
