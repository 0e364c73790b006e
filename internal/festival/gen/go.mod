module github.com/yancheng-jyyw/roll/internal/festival/gen

go 1.26.0

require github.com/6tail/lunar-go v1.4.7 // indirect
