# Nam Định 2018 (63.01, 35th): the top 10 planned over the ten sub-indices.
chiso plan --index pci_indicators --input examples/pci_indicators/pci_indicators_wide.csv \
  --unit-column province --unit "Nam Định" --year 2018 --target top:10
