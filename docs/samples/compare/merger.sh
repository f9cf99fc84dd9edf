# 2006 → 2013 across the 2008 merger: Hà Tây was absorbed into Hà Nội. With the shipped
# mapping of Vietnam's provinces, the comparison says what happened to each unit.
chiso compare --index pci --input examples/data/pci/pci_subindices.csv --unit-column province \
  --from 2006 --to 2013 --unit-map vn-provinces --format csv | grep -E '^unit|Hà Nội|Hà Tây'
