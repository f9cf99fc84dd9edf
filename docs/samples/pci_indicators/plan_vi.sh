# In Vietnamese (decimal commas); the names are what VCCI printed in 2018, in English.
chiso plan --index pci_indicators --input examples/pci_indicators/pci_indicators_wide.csv \
  --unit-column province --unit "Nam Định" --year 2018 --target top:10 --level indicators --lang vi
