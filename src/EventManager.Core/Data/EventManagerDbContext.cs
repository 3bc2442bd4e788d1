using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EventManager.Core.Data;

public class EventManagerDbContext(DbContextOptions<EventManagerDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>What the current change owes once committed; <see cref="AfterCommitHook"/> runs it.</summary>
    public AfterCommitQueue AfterCommit { get; } = new();

    // A pooled context serves the next request: nothing queued by this one may run for that one.
    public override void Dispose()
    {
        AfterCommit.Clear();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        AfterCommit.Clear();
        return base.DisposeAsync();
    }

    public DbSet<Event> Events => Set<Event>();
    public DbSet<Activity.ActivityEntry> Activity => Set<Activity.ActivityEntry>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Delegate> Delegates => Set<Delegate>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RegistrationPolicy> RegistrationPolicies => Set<RegistrationPolicy>();
    public DbSet<RegistrationQuestion> RegistrationQuestions => Set<RegistrationQuestion>();
    public DbSet<RegistrationAnswer> RegistrationAnswers => Set<RegistrationAnswer>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionPerson> SessionPeople => Set<SessionPerson>();
    public DbSet<AgendaVersion> AgendaVersions => Set<AgendaVersion>();
    public DbSet<SessionChoice> SessionChoices => Set<SessionChoice>();
    public DbSet<OutgoingMessage> OutgoingMessages => Set<OutgoingMessage>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportJobRow> ImportJobRows => Set<ImportJobRow>();
    public DbSet<ReminderRule> ReminderRules => Set<ReminderRule>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementParty> AgreementParties => Set<AgreementParty>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificatePrint> CertificatePrints => Set<CertificatePrint>();
    public DbSet<TeamPolicy> TeamPolicies => Set<TeamPolicy>();
    public DbSet<EventTeamGrant> EventTeamGrants => Set<EventTeamGrant>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<VisaLetterSettings> VisaLetterSettings => Set<VisaLetterSettings>();
    public DbSet<PrivacyNotice> PrivacyNotices => Set<PrivacyNotice>();
    public DbSet<Invitations.Invitation> Invitations => Set<Invitations.Invitation>();
    public DbSet<Diagnostics.CeilingRow> CeilingRows => Set<Diagnostics.CeilingRow>();
    public DbSet<Meetings.MeetingBlock> MeetingBlocks => Set<Meetings.MeetingBlock>();
    public DbSet<Meetings.MeetingInterest> MeetingInterests => Set<Meetings.MeetingInterest>();
    public DbSet<Meetings.MeetingDelegation> MeetingDelegations => Set<Meetings.MeetingDelegation>();
    public DbSet<Meetings.MeetingRequest> MeetingRequests => Set<Meetings.MeetingRequest>();
    public DbSet<Meetings.Interpreter> Interpreters => Set<Meetings.Interpreter>();
    public DbSet<Meetings.MeetingSettings> MeetingSettings => Set<Meetings.MeetingSettings>();

    /// <summary>Shared by every app instance, so a cookie issued by one is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC. Providers hand back Kind=Unspecified; say what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // A text in several languages is one column of JSON ({"en":"…","zh":"…"}), the same on SQLite and SQL Server.
        configurationBuilder.Properties<Common.LocalText>().HaveConversion<LocalTextConverter, LocalTextComparer>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Passkeys, as Identity's schema version 3 stores them. Configured here rather than through the app's Identity
        // options, which a context made by `dotnet ef`, tests or benchmarks does not see: every context has one model.
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>(b =>
        {
            b.HasKey(p => p.CredentialId);
            b.ToTable("AspNetUserPasskeys");
            b.Property(p => p.CredentialId).HasMaxLength(1024);
            b.OwnsOne(p => p.Data).ToJson();
        });
        builder.Entity<AppUser>().HasMany<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>().WithOne().HasForeignKey(p => p.UserId).IsRequired();
        builder.Entity<SignInFailure>(b =>
        {
            b.Property(f => f.AccountKey).HasMaxLength(64);
            b.Property(f => f.ClientKey).HasMaxLength(64);
            b.HasIndex(f => new { f.AccountKey, f.AtUtc });
            b.HasIndex(f => f.AtUtc);
        });
        builder.Entity<EventTeamGrant>(b =>
        {
            b.Property(g => g.UserId).HasMaxLength(450);
            b.Property(g => g.Role).HasMaxLength(32);
            b.HasIndex(g => new { g.UserId, g.EventId, g.Role }).IsUnique();
            b.HasIndex(g => g.EventId);
            b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(g => g.Event).WithMany().HasForeignKey(g => g.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(EventManagerDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        NormalizeText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NormalizeText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every string is stored in Unicode NFC, whatever form the browser sent.</summary>
    private void NormalizeText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType == typeof(string) && property.CurrentValue is string text)
                {
                    var normalized = TextNormalization.ToNfc(text)!;
                    if (IsOneLine(property.Metadata))
                    {
                        normalized = TextNormalization.OneLine(normalized);
                    }

                    if (!ReferenceEquals(normalized, text))
                    {
                        property.CurrentValue = normalized;
                    }
                }
                else if (property.CurrentValue is LocalText local && IsOneLine(property.Metadata))
                {
                    var oneLine = LocalText.From(local.Entries.Select(e => new KeyValuePair<string, string?>(e.Key, TextNormalization.OneLine(e.Value))));
                    if (!oneLine.Equals(local))
                    {
                        property.CurrentValue = oneLine;
                    }
                }
            }

            if (entry.Entity is Registration registration)
            {
                registration.SearchText = registration.ComputeSearchText();
            }
            else if (entry.Entity is Delegate person)
            {
                person.SearchText = person.ComputeSearchText();
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), bool> OneLineProperties = new();

    /// <summary>A text of the app's own entities is one line unless its property says <see cref="MultiLineAttribute"/>; others' (keys' XML) are left as they are.</summary>
    private static bool IsOneLine(Microsoft.EntityFrameworkCore.Metadata.IProperty property) =>
        OneLineProperties.GetOrAdd((property.DeclaringType.ClrType, property.Name), _ =>
            property.DeclaringType.ClrType.Namespace?.StartsWith("EventManager.", StringComparison.Ordinal) == true
            && property.PropertyInfo?.IsDefined(typeof(MultiLineAttribute), inherit: true) != true);

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

    private sealed class LocalTextConverter() : ValueConverter<Common.LocalText, string>(
        text => text.ToJson(),
        stored => Common.LocalText.Parse(stored));

    private sealed class LocalTextComparer() : Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Common.LocalText>(
        (a, b) => object.Equals(a, b),
        text => text.GetHashCode(),
        text => text);
}
