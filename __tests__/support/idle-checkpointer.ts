// A process that opens a database and its checkpoint thread, then has nothing left to do: it must end.
import { connect } from '../../server/core/db'

connect({ databaseUrl: null, dataDir: process.argv[2] })
