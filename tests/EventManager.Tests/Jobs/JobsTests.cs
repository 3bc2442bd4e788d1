using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

[Collection(HangfireCollection.Name)]
public sealed class JobsTests
{
    [Fact]
    public async Task A_scheduled_job_still_runs_after_the_app_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-jobs-").FullName;
        var output = Path.Combine(folder, "ran.txt");

        await using (var first = new AppFactory(folder, jobServer: true))
        {
            var jobs = first.Services.GetRequiredService<IBackgroundJobClient>();
            // Due well after this instance is gone, even on a busy machine where stopping takes seconds.
            jobs.Schedule(() => ProbeJob.Write(output, "reminder"), TimeSpan.FromSeconds(10));
        }

        // The first instance is gone before the job was due.
        Assert.False(File.Exists(output));

        await using var second = new AppFactory(folder, jobServer: true);
        _ = second.Services;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(output) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(File.Exists(output), "The job scheduled before the restart did not run after it.");
        await Task.Delay(1500);
        Assert.Equal(["reminder"], await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task On_a_first_run_the_demo_events_reminders_are_planned_without_anyone_touching_them()
    {
        await using var app = new AppFactory(demoSeed: true, jobServer: true);
        _ = app.Services;
        var dialogue = await app.WithDbAsync(db => db.Events.SingleAsync(e => e.Slug == "china-kazakhstan-rectors-dialogue"));
        var confirmed = await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == dialogue.Id && r.Status == Core.Registrations.RegistrationStatus.Confirmed));

        // Every confirmed delegate of the dialogue gets the day-before reminder; the Chinese ones in Chinese.
        // The week and the dialogue are planned one after the other: wait for the dialogue's, not just any.
        Task<List<Core.Mail.OutgoingMessage>> DayBeforeAsync() => app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.Kind == Core.Reminders.ReminderPlanner.Kind
            && m.EventId == dialogue.Id
            && (m.Subject.EndsWith("starts tomorrow") || m.Subject.EndsWith("明天开幕") || m.Subject.EndsWith("ертең басталады"))).ToListAsync());
        var deadline = DateTime.UtcNow.AddSeconds(45);
        var dayBefore = await DayBeforeAsync();
        while (dayBefore.Count < confirmed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            dayBefore = await DayBeforeAsync();
        }

        // Exactly one each: a delegate reminded twice is a defect, not "enough".
        Assert.True(confirmed > 0 && dayBefore.Count == confirmed, $"{dayBefore.Count} day-before reminders for {confirmed} confirmed delegates of the dialogue");
        Assert.Equal(confirmed, dayBefore.Select(m => m.RecipientEmail).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // A Chinese reader gets the event by its Chinese name, as the demo gives it.
        Assert.Contains(dayBefore, m => m.Subject == "首届中国—哈萨克斯坦大学校长合作对话明天开幕");
        var recurring = app.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs();
        Assert.Contains(recurring, j => j.Id == EventManager.Web.Features.Mail.ReminderJob.RecurringId);
    }

    [Fact]
    public async Task The_embedded_job_storage_lives_in_the_data_folder()
    {
        await using var app = new AppFactory(jobServer: false);
        using var response = await app.Client().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "hangfire.db")), "The embedded job storage lives in the data folder.");
    }
}
