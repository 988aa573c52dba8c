/*
 * Does batching a fan-out into sendmmsg(2) save CPU over one sendto(2) per packet on this machine?
 * Sends 1100-byte datagrams from one socket to FANOUT loopback sockets, BATCH destinations per sendmmsg call
 * (BATCH 1: plain sendto), ROUNDS times, and prints the process CPU (utime + stime) per datagram sent, leaving out
 * the time spent draining the receivers (done every 16 rounds so no socket buffer overflows).
 *
 *   gcc -O2 -o /tmp/sendmmsg_vs_sendto bench/native/sendmmsg_vs_sendto.c
 *   taskset -c 1 /tmp/sendmmsg_vs_sendto 10 1 200000; taskset -c 1 /tmp/sendmmsg_vs_sendto 10 10 200000
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#define MAX_FANOUT 1024

static double cpu_us(void) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return r.ru_utime.tv_sec * 1e6 + r.ru_utime.tv_usec + r.ru_stime.tv_sec * 1e6 + r.ru_stime.tv_usec;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s FANOUT BATCH ROUNDS\n", argv[0]);
        return 2;
    }
    int fanout = atoi(argv[1]), batch = atoi(argv[2]);
    long rounds = atol(argv[3]);
    if (fanout < 1 || fanout > MAX_FANOUT || batch < 1 || batch > MAX_FANOUT || rounds < 1) {
        fprintf(stderr, "FANOUT and BATCH: 1..%d, ROUNDS: at least 1\n", MAX_FANOUT);
        return 2;
    }
    int sender = socket(AF_INET, SOCK_DGRAM, 0);
    int sndbuf = 4 << 20, rcvbuf = 1 << 20;
    setsockopt(sender, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    static int receivers[MAX_FANOUT];
    static struct sockaddr_in to[MAX_FANOUT];
    for (int i = 0; i < fanout; i++) {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        socklen_t len = sizeof a;
        receivers[i] = socket(AF_INET, SOCK_DGRAM, 0);
        setsockopt(receivers[i], SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
        if (bind(receivers[i], (struct sockaddr *) &a, len) != 0 || getsockname(receivers[i], (struct sockaddr *) &a, &len) != 0) {
            perror("bind");
            return 1;
        }
        to[i] = a;
    }
    static char payload[1100], sink[2048];
    memset(payload, 1, sizeof payload);
    static struct mmsghdr msgs[MAX_FANOUT];
    static struct iovec iov[MAX_FANOUT];
    long sent = 0;
    double drain = 0, start = cpu_us();
    for (long round = 0; round < rounds; round++) {
        if (batch == 1) {
            for (int i = 0; i < fanout; i++) {
                sent += sendto(sender, payload, sizeof payload, 0, (struct sockaddr *) &to[i], sizeof to[i]) > 0;
            }
        } else {
            for (int i = 0; i < fanout; i += batch) {
                int n = fanout - i < batch ? fanout - i : batch;
                for (int j = 0; j < n; j++) {
                    iov[j] = (struct iovec) {.iov_base = payload, .iov_len = sizeof payload};
                    memset(&msgs[j], 0, sizeof msgs[j]);
                    msgs[j].msg_hdr.msg_name = &to[i + j];
                    msgs[j].msg_hdr.msg_namelen = sizeof to[0];
                    msgs[j].msg_hdr.msg_iov = &iov[j];
                    msgs[j].msg_hdr.msg_iovlen = 1;
                }
                int done = sendmmsg(sender, msgs, n, 0);
                sent += done > 0 ? done : 0;
            }
        }
        if ((round & 15) == 15) {
            double before = cpu_us();
            for (int i = 0; i < fanout; i++) {
                while (recv(receivers[i], sink, sizeof sink, MSG_DONTWAIT) > 0) {
                }
            }
            drain += cpu_us() - before;
        }
    }
    double total = cpu_us() - start;
    printf("fan-out %d, batch %d: %ld datagrams, %.2f CPU-us per datagram sent (draining: %.2f more)\n",
           fanout, batch, sent, (total - drain) / sent, drain / sent);
    return 0;
}
