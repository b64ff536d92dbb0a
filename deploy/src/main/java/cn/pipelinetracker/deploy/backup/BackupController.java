package cn.pipelinetracker.deploy.backup;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.web.ProblemException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The scheduled backups as an administrator sees them: the schedule, the last run of this process, the files kept;
 * and a backup taken at once.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/backups", produces = "application/json")
class BackupController {

    record Status(boolean scheduled, String schedule, String zone, String folder, Integer keep,
                  ScheduledBackups.Run last, List<ScheduledBackups.BackupFile> files) {
    }

    private final ObjectProvider<ScheduledBackups> backups;

    BackupController(ObjectProvider<ScheduledBackups> backups) {
        this.backups = backups;
    }

    @GetMapping
    Status status() {
        ScheduledBackups scheduled = backups.getIfAvailable();
        if (scheduled == null) {
            return new Status(false, null, null, null, null, null, List.of());
        }
        return new Status(true, scheduled.schedule(), scheduled.zone().getId(), scheduled.folder().toString(),
                scheduled.keep(), scheduled.last().orElse(null), scheduled.files());
    }

    @PostMapping
    ScheduledBackups.Run runNow() {
        ScheduledBackups scheduled = backups.getIfAvailable();
        if (scheduled == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "backups-off", "Scheduled backups are off",
                    Phrase.of("problem.backups-off", "Scheduled backups are off: set pipeline.backup.folder "
                            + "(and pipeline.backup.schedule) to turn them on"));
        }
        ScheduledBackups.Run run = scheduled.runNow();
        return switch (run.outcome()) {
            case OK -> run;
            case SKIPPED -> throw new ProblemException(HttpStatus.CONFLICT, "backup-running", "A backup is running",
                    Phrase.of("problem.backup-running", "Another backup is being taken: " + run.message(),
                            run.message()));
            case FAILED -> throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed",
                    "Backup failed", Phrase.of("problem.backup-failed", "The backup failed: " + run.message(),
                    run.message()));
        };
    }
}
