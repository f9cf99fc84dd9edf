# The same target planned over the indicators below the sub-indices (raw values, each bounded
# by the best value any province reached in 2018; one raw unit of any indicator costs 1).
chiso plan --index pci_indicators --input examples/pci_indicators/pci_indicators_wide.csv \
  --unit-column province --unit "Nam Định" --year 2018 --target top:10 --level indicators
