# Every indicator of Nam Định 2018 against the median and the best province, what it gives
# the composite, what it would add at the best value, and its change since 2017.
chiso diagnose --index pci_indicators --input examples/pci_indicators/pci_indicators_wide.csv \
  --unit-column province --unit "Nam Định" --year 2018 --level indicators
