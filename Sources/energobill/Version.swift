/// The release of the engine, printed by `--version` beside the schema version it writes.
let energobillVersion = "0.3.0"
