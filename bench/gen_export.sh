#!/bin/sh
# Writes a REDCap-shaped export for the N members S-CODE-0001 ... of a group
# made by gen_group.sh DIR N CODE: one row per record and event, EVENTS events a record (the
# pre, post and follow-up assessments, the others weekly sessions with only
# an attendance mark, as a longitudinal REDCap project exports them). The
# assessments bring the answers to the WSAS and MSPSS items (and, after the
# group, the SWLS), on the days gen_group.sh dates them; answers vary from
# member to member.
# Usage: bench/gen_export.sh N EVENTS CODE > export.csv
set -eu
n=$1
events=$2
code=$3
awk -v n="$n" -v events="$events" -v code="$code" 'BEGIN {
    srand(n * 13 + events)
    printf "record_id,redcap_event_name,date"
    for (i = 1; i <= 5; i++) printf ",swls_%d", i
    for (i = 1; i <= 5; i++) printf ",wsas_%d", i
    for (i = 1; i <= 12; i++) printf ",mspss_%d", i
    printf ",attendance,session_notes\r\n"
    split("baseline_arm_1 post_group_arm_1 follow_up_arm_1", name, " ")
    split("2026-01-07 2026-04-10 2026-08-13", day, " ")
    for (m = 1; m <= n; m++)
        for (e = 1; e <= events; e++) {
            id = sprintf("S-%s-%04d", code, m)
            if (e <= 3) {
                printf "%s,%s,%s", id, name[e], day[e]
                for (i = 1; i <= 5; i++) printf ",%s", e == 1 ? "" : 1 + int(rand() * 7)
                for (i = 1; i <= 5; i++) printf ",%d", int(rand() * 9)
                for (i = 1; i <= 12; i++) printf ",%d", 1 + int(rand() * 7)
                printf ",,\r\n"
            } else {
                printf "%s,week_%d_arm_1,", id, e - 3
                for (i = 1; i <= 22; i++) printf ","
                printf ",1,\"Attended; spoke about week %d\"\r\n", e - 3
            }
        }
}'
