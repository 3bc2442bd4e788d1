using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventManager.Core.Data;

internal sealed class TeamPolicyConfiguration : IEntityTypeConfiguration<TeamPolicy>
{
    public void Configure(EntityTypeBuilder<TeamPolicy> builder) => builder.Property(p => p.Id).ValueGeneratedNever();
}

internal sealed class VisaLetterSettingsConfiguration : IEntityTypeConfiguration<VisaLetterSettings>
{
    public void Configure(EntityTypeBuilder<VisaLetterSettings> builder)
    {
        builder.HasKey(s => s.EventId);
        builder.HasOne(s => s.Event).WithOne().HasForeignKey<VisaLetterSettings>(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.SignatoryName).HasMaxLength(200);
    }
}

internal sealed class PrivacyNoticeConfiguration : IEntityTypeConfiguration<PrivacyNotice>
{
    public void Configure(EntityTypeBuilder<PrivacyNotice> builder)
    {
        builder.HasKey(s => s.EventId);
        builder.HasOne(s => s.Event).WithOne().HasForeignKey<PrivacyNotice>(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitations.Invitation>
{
    public void Configure(EntityTypeBuilder<Invitations.Invitation> builder)
    {
        builder.Property(i => i.Token).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(i => i.Token).IsUnique();
        builder.HasIndex(i => new { i.EventId, i.PersonId });
        builder.Property(i => i.DeclineReason).HasMaxLength(Invitations.InvitationService.DeclineReasonMaxLength);
        builder.HasOne(i => i.Event).WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
        // Erasing a person takes their invitations; a registration is never deleted (erasure blanks it), and SQL Server
        // allows one cascade path from an event.
        builder.HasOne(i => i.Person).WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Registration).WithMany().HasForeignKey(i => i.RegistrationId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.Property(e => e.Slug).HasMaxLength(EventRules.SlugMaxLength);
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.CertificatePrefix).HasMaxLength(EventRules.CertificatePrefixMaxLength);
        builder.Property(e => e.TimeZoneId).HasMaxLength(64);
        builder.Property(e => e.Languages).HasMaxLength(20);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => e.StartsAtUtc);
        builder.HasOne(e => e.ParentEvent)
            .WithMany(e => e.ChildEvents)
            .HasForeignKey(e => e.ParentEventId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.EnglishName).HasMaxLength(InstitutionRules.NameMaxLength);
        builder.Property(i => i.NativeName).HasMaxLength(InstitutionRules.NameMaxLength);
        builder.Property(i => i.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(i => i.City).HasMaxLength(100);
        builder.HasIndex(i => new { i.CountryCode, i.EnglishName }).IsUnique();
    }
}

internal sealed class DelegateConfiguration : IEntityTypeConfiguration<Delegate>
{
    public void Configure(EntityTypeBuilder<Delegate> builder)
    {
        builder.Property(d => d.LatinName).HasMaxLength(200);
        builder.Property(d => d.NativeName).HasMaxLength(200);
        builder.Property(d => d.Position).HasMaxLength(200);
        builder.Property(d => d.Email).HasMaxLength(254);
        // Unique where given (SQL Server's filtered index; SQLite lets NULLs repeat): many people have none.
        builder.HasIndex(d => d.Email).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(PeopleDirectory.TitleMaxLength);
        builder.Property(d => d.SpokenLanguages).HasMaxLength(120);
        builder.Property(d => d.Token).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(d => d.Token).IsUnique();
        builder.Property(d => d.PreferredLanguage).HasMaxLength(35);
        builder.Property(d => d.TimeZoneId).HasMaxLength(64);
        builder.HasOne(d => d.Institution).WithMany().HasForeignKey(d => d.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.Property(r => r.Token).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(r => r.Token).IsUnique();
        builder.Property(r => r.Email).HasMaxLength(254);
        // One registration per address and event, whatever its status: the database says no to a second.
        builder.HasIndex(r => new { r.EventId, r.Email }).IsUnique();
        builder.HasIndex(r => new { r.EventId, r.Status, r.Sequence });
        builder.HasIndex(r => r.DelegationKey);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.LatinName).HasMaxLength(RegistrationRules.NameMaxLength);
        builder.Property(r => r.NativeName).HasMaxLength(RegistrationRules.NameMaxLength);
        builder.Property(r => r.Position).HasMaxLength(RegistrationRules.NameMaxLength);
        builder.Property(r => r.Phone).HasMaxLength(40);
        builder.Property(r => r.ProposedInstitutionName).HasMaxLength(InstitutionRules.NameMaxLength);
        builder.Property(r => r.ProposedInstitutionNativeName).HasMaxLength(InstitutionRules.NameMaxLength);
        builder.Property(r => r.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(r => r.PreferredLanguage).HasMaxLength(35);
        builder.Property(r => r.TimeZoneId).HasMaxLength(64);
        builder.Property(r => r.DietaryNeeds).HasMaxLength(500);
        builder.Ignore(r => r.InstitutionDisplayName);
        builder.Property(r => r.SearchText).HasMaxLength(3 * RegistrationRules.NameMaxLength + 260);
        builder.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Delegate).WithMany().HasForeignKey(r => r.DelegateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(r => r.Institution).WithMany().HasForeignKey(r => r.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<Activity.ActivityEntry>
{
    public void Configure(EntityTypeBuilder<Activity.ActivityEntry> builder)
    {
        builder.ToTable("ActivityLog");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Subject).HasMaxLength(1000);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.EventId, a.AtUtc });
        builder.HasIndex(a => a.RegistrationId);
    }
}

internal sealed class RegistrationQuestionConfiguration : IEntityTypeConfiguration<RegistrationQuestion>
{
    public void Configure(EntityTypeBuilder<RegistrationQuestion> builder)
    {
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(q => q.OptionList);
        builder.Ignore(q => q.Keys);
        builder.Property(q => q.ShowWhenAnswer).HasMaxLength(20);
        builder.HasIndex(q => q.EventId);
        builder.HasOne<Event>().WithMany().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegistrationAnswerConfiguration : IEntityTypeConfiguration<RegistrationAnswer>
{
    public void Configure(EntityTypeBuilder<RegistrationAnswer> builder)
    {
        builder.Property(a => a.Value).HasMaxLength(RegistrationQuestions.AnswerMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(50);
        builder.HasIndex(a => new { a.RegistrationId, a.QuestionId }).IsUnique();
        builder.HasOne<Registration>().WithMany(r => r.Answers).HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // SQL Server refuses two cascade paths from an event (through registrations and through questions):
        // removing a question removes its answers itself.
        builder.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class RegistrationPolicyConfiguration : IEntityTypeConfiguration<RegistrationPolicy>
{
    public void Configure(EntityTypeBuilder<RegistrationPolicy> builder)
    {
        builder.HasKey(p => p.EventId);
        builder.HasOne(p => p.Event).WithOne().HasForeignKey<RegistrationPolicy>(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        // Name and venue are texts in several languages (JSON, no fixed length); the rooms service keeps names apart per language.
        builder.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.HasIndex(s => s.Uid).IsUnique();
        builder.HasIndex(s => new { s.EventId, s.StartsAtUtc });
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Language).HasMaxLength(35);
        builder.Property(s => s.Interpretation).HasMaxLength(200);
        builder.HasOne(s => s.Event).WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Room).WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.People).WithOne(p => p.Session).HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionPersonConfiguration : IEntityTypeConfiguration<SessionPerson>
{
    public void Configure(EntityTypeBuilder<SessionPerson> builder)
    {
        builder.HasKey(p => new { p.SessionId, p.DelegateId });
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(p => p.Delegate).WithMany().HasForeignKey(p => p.DelegateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgendaVersionConfiguration : IEntityTypeConfiguration<AgendaVersion>
{
    public void Configure(EntityTypeBuilder<AgendaVersion> builder)
    {
        // Two organisers publishing at once cannot both get the same number.
        builder.HasIndex(v => new { v.EventId, v.Number }).IsUnique();
        builder.HasOne<Event>().WithMany().HasForeignKey(v => v.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionChoiceConfiguration : IEntityTypeConfiguration<SessionChoice>
{
    public void Configure(EntityTypeBuilder<SessionChoice> builder)
    {
        builder.HasKey(c => new { c.RegistrationId, c.SessionUid });
        builder.HasIndex(c => c.SessionUid);
        builder.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutgoingMessageConfiguration : IEntityTypeConfiguration<OutgoingMessage>
{
    public void Configure(EntityTypeBuilder<OutgoingMessage> builder)
    {
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200);
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.HasIndex(m => new { m.Status, m.DueAtUtc });
        builder.HasIndex(m => new { m.EventId, m.Kind });
        // An event's messages by state and time, with the rule beside: the event home's and the messages page's counts
        // read this index alone, whatever the number of planned reminders.
        builder.HasIndex(m => new { m.EventId, m.Status, m.DueAtUtc, m.ReminderRuleId });
        builder.HasIndex(m => new { m.ReminderRuleId, m.Status, m.DueAtUtc });
        // A delegate's own messages, read again at their private link.
        builder.HasIndex(m => new { m.RecipientEmail, m.EventId });
        builder.Property(m => m.Kind).HasMaxLength(50);
        builder.Property(m => m.RecipientEmail).HasMaxLength(254);
        builder.Property(m => m.RecipientName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.Language).HasMaxLength(20);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.OutgoingMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.HasOne<Event>().WithMany().HasForeignKey(j => j.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.FileName).HasMaxLength(260);
        builder.Property(j => j.StartedBy).HasMaxLength(256);
        builder.Property(j => j.Error).HasMaxLength(1000);
        builder.Property(j => j.ClaimedBy).HasMaxLength(100);
        builder.HasIndex(j => new { j.Status, j.ClaimedUntilUtc });
        builder.HasMany(j => j.Rows).WithOne().HasForeignKey(r => r.ImportJobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobRowConfiguration : IEntityTypeConfiguration<ImportJobRow>
{
    public void Configure(EntityTypeBuilder<ImportJobRow> builder)
    {
        builder.HasIndex(r => new { r.ImportJobId, r.Line }).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(400);
        builder.Property(r => r.Email).HasMaxLength(400);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.ReasonArguments).HasMaxLength(1000);
    }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(100);
    }
}

internal sealed class ReminderRuleConfiguration : IEntityTypeConfiguration<ReminderRule>
{
    public void Configure(EntityTypeBuilder<ReminderRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Anchor).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Audience).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.WithdrawnReason).HasMaxLength(CertificateRules.ReasonMaxLength);
        builder.HasIndex(a => new { a.SessionId, a.Position });
        builder.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Parties).WithOne(p => p.Agreement).HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementPartyConfiguration : IEntityTypeConfiguration<AgreementParty>
{
    public void Configure(EntityTypeBuilder<AgreementParty> builder)
    {
        builder.Property(p => p.LocalTitle).HasMaxLength(AgreementRules.TitleMaxLength);
        builder.HasIndex(p => new { p.AgreementId, p.InstitutionId }).IsUnique();
        builder.HasOne(p => p.Institution).WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Signatory).WithMany().HasForeignKey(p => p.SignatoryRegistrationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.SignatoryPerson).WithMany().HasForeignKey(p => p.SignatoryPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.SignatoryLatinName);
        builder.Ignore(p => p.SignatoryNativeName);
        builder.Ignore(p => p.SignatoryPosition);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.Property(c => c.SerialNumber).HasMaxLength(40);
        builder.Property(c => c.VerificationCode).HasMaxLength(64);
        builder.Property(c => c.RevokedReason).HasMaxLength(CertificateRules.ReasonMaxLength);
        builder.Property(c => c.RevokedBy).HasMaxLength(256);
        builder.HasIndex(c => c.VerificationCode).IsUnique();
        builder.HasIndex(c => new { c.EventId, c.Sequence }).IsUnique();
        builder.HasIndex(c => c.AgreementId);
        builder.HasOne(c => c.Agreement).WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Prints).WithOne(p => p.Certificate).HasForeignKey(p => p.CertificateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.SupersededBy).WithMany().HasForeignKey(c => c.SupersededById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificatePrintConfiguration : IEntityTypeConfiguration<CertificatePrint>
{
    public void Configure(EntityTypeBuilder<CertificatePrint> builder)
    {
        builder.Property(p => p.PrintedBy).HasMaxLength(256);
        builder.Property(p => p.Reason).HasMaxLength(CertificateRules.ReasonMaxLength);
        builder.Property(p => p.Language).HasMaxLength(16);
        builder.Property(p => p.PdfSha256).HasMaxLength(64);
        builder.HasIndex(p => p.PdfSha256);
    }
}
