# Hải Hà 2020: 133.28 of 170 points = 78.4 % → "fair" (good from 80 %, 136 points).
chiso score --index egov_district --input docs/samples/egov/hai_ha_2020.csv --lang vi
chiso score --index egov_district --input docs/samples/egov/hai_ha_2020.csv
