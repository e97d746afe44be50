#ifndef HOTICH_CLIBPQ_SHIM_H
#define HOTICH_CLIBPQ_SHIM_H

// libpq, PostgreSQL's own C client, for HoTichPostgres. Only HoTichPostgres imports this module;
// the rest of hotich speaks to PostgreSQL through HoTichStore's PostgresStore.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libpq-fe.h>

#endif
