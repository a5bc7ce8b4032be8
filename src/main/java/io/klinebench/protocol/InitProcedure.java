package io.klinebench.protocol;

import io.klinebench.kline.Init;

/**
 * One way a protocol starts communication, with the times a tester keeps around it.
 *
 * @param init          which init
 * @param idleBefore    how long the line must be idle before it (KWP2000: W5)
 * @param answerWithin  from its start, how long until the ECU's last init byte at the latest
 */
public record InitProcedure(Init init, long idleBefore, long answerWithin) {}
