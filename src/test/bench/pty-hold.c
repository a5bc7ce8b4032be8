/*
 * How often the kernel holds a pty's bytes, and for how long: BENCHMARKS.md, "The kernel's
 * serial-line workers". Three pty pairs, one byte written to each master every INTERVAL ms,
 * each slave read by a thread of its own (a byte's hold: from before its write() to after the
 * read() that returned it, CLOCK_MONOTONIC), beside a thread that sleeps 1 ms at a time (how late
 * it wakes: whether the CPUs ran at all). All at the process's priority (nice 0 unless started
 * otherwise). Prints one line per pty and one for the sleeper.
 *
 *   gcc -O2 -pthread -o /tmp/pty-hold src/test/bench/pty-hold.c && /tmp/pty-hold SECONDS INTERVAL_MS
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PTYS 3
#define LATE 25000000LL /* the stated uncertainty of a pty's stamps */

static int master[PTYS], slave[PTYS];
static volatile long long written_at[PTYS][256];
static long long start, end;

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *reader(void *arg) {
    int i = (int)(long)arg;
    unsigned char b[64];
    long long n_bytes = 0, over10 = 0, over25 = 0, worst = 0, episodes = 0, last_late = 0;
    for (;;) {
        int n = read(slave[i], b, sizeof b);
        long long t = now();
        if (n <= 0 || t > end + 2000000000LL) break;
        for (int k = 0; k < n; k++) {
            if (b[k] == 0xFF) goto done; /* the writer's last byte */
            long long held = t - written_at[i][b[k]];
            n_bytes++;
            if (held > worst) worst = held;
            if (held > 10000000LL) over10++;
            if (held > LATE) {
                over25++;
                if (t - last_late > 20000000LL) episodes++;
                last_late = t;
            }
        }
    }
done:
    printf("pty %d: %lld bytes, %lld held > 10 ms, %lld held > 25 ms in %lld episodes, longest %.1f ms\n", i,
           n_bytes, over10, over25, episodes, worst / 1e6);
    return 0;
}

static void *sleeper(void *arg) {
    (void)arg;
    long long late25 = 0, worst = 0;
    struct timespec ms = {0, 1000000};
    while (now() < end) {
        long long t = now();
        nanosleep(&ms, 0);
        long long late = now() - t - 1000000;
        if (late > worst) worst = late;
        if (late > LATE) late25++;
    }
    printf("sleeper: %lld wake-ups > 25 ms late, latest %.1f ms\n", late25, worst / 1e6);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: pty-hold SECONDS INTERVAL_MS\n");
        return 2;
    }
    for (int i = 0; i < PTYS; i++) {
        master[i] = posix_openpt(O_RDWR | O_NOCTTY);
        if (master[i] < 0 || grantpt(master[i]) || unlockpt(master[i])) return perror("pty"), 1;
        slave[i] = open(ptsname(master[i]), O_RDWR | O_NOCTTY);
        struct termios t;
        tcgetattr(slave[i], &t);
        cfmakeraw(&t);
        tcsetattr(slave[i], TCSANOW, &t);
    }
    start = now();
    end = start + atoll(argv[1]) * 1000000000LL;
    pthread_t threads[PTYS + 1];
    for (int i = 0; i < PTYS; i++) pthread_create(&threads[i], 0, reader, (void *)(long)i);
    pthread_create(&threads[PTYS], 0, sleeper, 0);
    struct timespec interval = {0, atol(argv[2]) * 1000000L};
    for (unsigned char c = 0; now() < end; c = (c + 1) % 0xFF) { /* 0xFF is the end */
        for (int i = 0; i < PTYS; i++) {
            written_at[i][c] = now();
            if (write(master[i], &c, 1) != 1) return perror("write"), 1;
        }
        nanosleep(&interval, 0);
    }
    unsigned char last = 0xFF;
    for (int i = 0; i < PTYS; i++) write(master[i], &last, 1);
    for (int i = 0; i <= PTYS; i++) pthread_join(threads[i], 0);
    return 0;
}
