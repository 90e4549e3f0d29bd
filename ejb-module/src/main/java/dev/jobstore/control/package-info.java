/** Admin control of single jobs: cancel, pause, resume, restart, rerun and remove. */
package dev.jobstore.control;
