#!/usr/bin/env python
from minpan.cli import main

if __name__ == "__main__":
    main()
