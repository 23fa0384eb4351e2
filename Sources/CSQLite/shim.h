#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: one fixed-argument wrapper.
   Memory statistics make every sqlite3_malloc/free take a global mutex; energobill
   never reads them, and a close makes tens of millions of such calls. Must run
   before the library initialises (before the first connection opens). */
static inline int energobill_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
