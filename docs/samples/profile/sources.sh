# Without a manifest: sources on the command line, a target asked of every index.
chiso profile --unit "Quảng Ninh" --year 2016 --previous 2013 --units vn-provinces \
  --source pci=examples/data/pci/pci_subindices.csv \
  --source papi=examples/data/papi/papi_dimensions.csv --unit-column province \
  --target gain:2 --format csv | cut -d, -f1-9
