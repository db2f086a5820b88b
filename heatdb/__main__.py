from heatdb.cli import main

raise SystemExit(main())
