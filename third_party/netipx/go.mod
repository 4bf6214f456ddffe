module go4.org/netipx

go 1.18
