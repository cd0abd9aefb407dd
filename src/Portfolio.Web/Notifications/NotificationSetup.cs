using Hangfire;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;

namespace Portfolio.Web.Notifications;

/// <summary>The notification jobs and the reminder sources, registered from the application's one place for services and jobs.</summary>
public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<NotificationMails>();
        services.AddScoped<ReminderJob>();
        // One line per thing people are reminded of.
        services.AddScoped<IReminderSource, FeedbackDueReminders>();
        services.AddScoped<IReminderSource, CampaignClosingReminders>();
        services.AddScoped<IReminderSource, SessionComingReminders>();
        return services;
    }

    public static void AddNotificationJobs(this IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<NotificationMails>(NotificationMails.RecurringJobId, job => job.RunAsync(CancellationToken.None), NotificationMails.Schedule);
        recurring.AddOrUpdate<ReminderJob>(ReminderJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), ReminderJob.Schedule,
            new RecurringJobOptions { TimeZone = Dates.Brussels });
    }
}
