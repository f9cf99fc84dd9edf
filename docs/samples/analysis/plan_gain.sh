# Gain 2 to 5 places: one line per target.
for k in 2 3 4 5; do
  chiso plan --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
    --unit "Nam Định" --year 2018 --target gain:$k --summary | head -n 1
done
