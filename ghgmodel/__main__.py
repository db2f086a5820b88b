from ghgmodel.cli import main

raise SystemExit(main())
