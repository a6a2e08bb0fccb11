/* A flag bit renumbered. */
#define MV_FLAG_CACHED (1 << 0)
#define MV_FLAG_SHARED (1 << 3)
