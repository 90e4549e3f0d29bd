/**
 * Each queue's history by the minute, kept in the database so that every node shows the same:
 * jobs created, fulfilled and failed (each node tallies what it saw in memory and adds it to the
 * minute's row every few seconds, so the hot path writes nothing), and the queue's depth sampled
 * in that minute. Rows older than the retention are deleted. Counts a node had not yet added
 * when it crashed are lost: this is history for charts, not the jobs' state.
 */
package dev.jobstore.history;
