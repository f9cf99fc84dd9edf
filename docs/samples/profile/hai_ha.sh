# Hải Hà district 2020: the five indices of its report, as published (in Vietnamese).
chiso profile --manifest examples/profile/hai_ha_2020.toml --lang vi
