using EventManager.Core.Activity;
using EventManager.Core.Agenda;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Infrastructure;
using EventManager.Migrations.Sqlite;
using EventManager.Migrations.SqlServer;
using EventManager.Web.Features.Account;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Configuration;

public static class DataConfiguration
{
    public static DatabaseSettings AddEventManagerData(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.Read(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(settings);
        builder.Services.AddMemoryCache();
        builder.Services.AddDbContextPool<EventManagerDbContext>((services, options) =>
        {
            options.AddInterceptors(DbCommandCounter.Instance, new AfterCommitHook(services.GetRequiredService<IAfterCommitWork>));
            // A failed save or command is the caller's to report: handled ones (a unique index saying "taken") are not
            // errors, a full disk is logged once a minute (StorageFull), and the rest reach the error page's log line.
            options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed,
                Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError));
            if (settings.Provider == DatabaseProvider.SqlServer)
            {
                SqlServerDatabase.Configure(options, settings.ConnectionString!);
            }
            else if (settings.Provider == DatabaseProvider.PostgreSql)
            {
                EventManager.Migrations.PostgreSql.PostgreSqlDatabase.Configure(options, settings.ConnectionString!);
            }
            else
            {
                SqliteDatabase.Configure(options, settings.ConnectionString!);
                options.AddInterceptors(new SqlitePragmas());
            }
        });

        builder.Services.TryAddTimeProvider();
        builder.Services.AddScoped<EventService>();
        builder.Services.AddScoped<EventOverview>();
        builder.Services.AddScoped<InstitutionService>();
        builder.Services.AddScoped<DemoData>();
        builder.Services.AddScoped<ActivityLog>();
        builder.Services.AddScoped<ICurrentActor, SignedInActor>();
        builder.Services.AddScoped<PlacesLedger>();
        builder.Services.AddScoped<RegistrationSubmission>();
        builder.Services.AddSingleton<TravelDocumentVault>();
        builder.Services.AddSingleton<AnswerFiles>();
        builder.Services.AddScoped<VisaLetterSetup>();
        builder.Services.AddScoped<Core.Delegates.PeopleDirectory>();
        builder.Services.AddScoped<RegistrationSelfService>();
        builder.Services.AddScoped<DelegateMessages>();
        builder.Services.AddScoped<PrivacyNotices>();
        builder.Services.AddScoped<Features.Registrations.RegisterPages>();
        builder.Services.AddScoped<RegistrationDecisions>();
        builder.Services.AddScoped<RegistrationPolicies>();
        builder.Services.AddScoped<RegistrationLists>();
        builder.Services.AddScoped<RegistrationImport>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingScheduling>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingBoard>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingBlocks>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingRequests>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingHub>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingLock>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingPlacing>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingOutcomes>();
        builder.Services.AddScoped<EventManager.Core.Meetings.MeetingSetup>();
        builder.Services.AddScoped<EventManager.Core.Meetings.IMeetingNotifier, Features.Meetings.MeetingMessages>();
        builder.Services.AddScoped<Features.Meetings.MeetingCalendar>();
        builder.Services.AddScoped<Features.Meetings.MeetingDocuments>();
        builder.Services.AddScoped<RegistrationCheckIn>();
        builder.Services.AddScoped<RegistrationAdministration>();
        builder.Services.AddScoped<InstitutionProposals>();
        builder.Services.AddScoped<PersonalDataErasure>();
        builder.Services.AddScoped<IPersonalDataEraser, RegistrationEraser>();
        builder.Services.AddScoped<IPersonalDataEraser, ImportEraser>();
        builder.Services.AddScoped<IPersonalDataEraser, Core.Invitations.InvitationEraser>();
        builder.Services.AddScoped<Core.Invitations.InvitationService>();
        builder.Services.AddScoped<RegistrationQuestions>();
        builder.Services.AddScoped<AgendaFamily>();
        builder.Services.AddScoped<AgendaRooms>();
        builder.Services.AddScoped<EventTranslations>();
        builder.Services.AddScoped<AgendaDrafts>();
        builder.Services.AddScoped<AgendaPublishing>();
        builder.Services.AddScoped<PublishedAgendas>();
        builder.Services.AddScoped<AgendaChoices>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite's busy wait (a writer waiting for the write lock) sleeps on its thread, async or not. Under a
            // sign-up storm a few such waits took every pool thread of a small machine, and everything else, including
            // the mail sender's record that the server accepted a message, waited for the pool to grow (~0.5 s a thread).
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        }

        builder.Services.AddSingleton<IPlaceWriteGate>(settings.Provider == DatabaseProvider.Sqlite ? new SingleWriterGate() : new PerEventWriterGate());

        // Keys live in the database so that every instance reads every other's cookies and tokens.
        var keys = builder.Services.AddDataProtection()
            .SetApplicationName("EventManager")
            .PersistKeysToDbContext<EventManagerDbContext>();
        var protection = Settings.Read<DataProtectionSettings>(builder.Configuration, DataProtectionSettings.Section);
        if (!string.IsNullOrWhiteSpace(protection.CertificatePath))
        {
            // The certificate encrypts new keys and, being given here, decrypts them without the machine's certificate store.
            keys.ProtectKeysWithCertificate(LoadCertificate(protection));
        }

        return settings;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(DataProtectionSettings settings)
    {
        try
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                settings.CertificatePath, settings.CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new SettingsException($"DataProtection:CertificatePath {settings.CertificatePath} has no private key; keys could not be read back.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new SettingsException($"DataProtection:CertificatePath {settings.CertificatePath} could not be read: {e.Message}", e);
        }
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>
    /// Applies migrations and seeds what configuration asks for, one instance at a time (<see cref="StartupLock"/>):
    /// any number of instances may start together on an empty database.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManagerDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var dataFolder = settings.Provider == DatabaseProvider.Sqlite ? settings.EmbeddedFolder : "";
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // Held until the process ends: a restore refuses to run while it is held.
            var instance = await InstanceLock.AcquireSharedAsync(dataFolder, app.Logger);
            // A restore stopped half-way must be finished, never started over on what it left (checked under the lock,
            // which a restore holds exclusively while it works).
            Features.Backups.DatabaseBackup.RefuseHalfRestored(settings.DataDirectory);
            app.Lifetime.ApplicationStopped.Register(instance.Dispose);
        }

        await using var startup = await StartupLock.AcquireAsync(settings, dataFolder, app.Logger);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits: pages stay fast during registration rushes.
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        else
        {
            await db.Database.MigrateAsync();
        }

        if (await DataBackfills.RunAsync(db) is > 0 and var filled)
        {
            app.Logger.LogInformation("Filled in derived values for {Count} rows after a migration.", filled);
        }

        await AccountSetup.PrepareAsync(scope.ServiceProvider, app.Configuration, app.Logger);
    }
}
