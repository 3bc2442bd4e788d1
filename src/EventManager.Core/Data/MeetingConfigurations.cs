using EventManager.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventManager.Core.Data;

internal sealed class MeetingBlockConfiguration : IEntityTypeConfiguration<MeetingBlock>
{
    public void Configure(EntityTypeBuilder<MeetingBlock> builder)
    {
        builder.HasIndex(b => b.SessionId).IsUnique();
        builder.HasIndex(b => b.EventId);
        builder.HasOne(b => b.Event).WithMany().HasForeignKey(b => b.EventId).OnDelete(DeleteBehavior.Cascade);
        // One cascade path from an event (SQL Server): the session's removal is the app's to handle.
        builder.HasOne(b => b.Session).WithMany().HasForeignKey(b => b.SessionId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class MeetingInterestConfiguration : IEntityTypeConfiguration<MeetingInterest>
{
    public void Configure(EntityTypeBuilder<MeetingInterest> builder)
    {
        builder.HasIndex(i => i.EventId);
        builder.HasOne(i => i.Event).WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingDelegationConfiguration : IEntityTypeConfiguration<MeetingDelegation>
{
    public void Configure(EntityTypeBuilder<MeetingDelegation> builder)
    {
        builder.Property(d => d.Interests).HasMaxLength(400).IsUnicode(false);
        builder.Property(d => d.Languages).HasMaxLength(100).IsUnicode(false);
        builder.Property(d => d.UnavailableBlocks).HasMaxLength(400).IsUnicode(false);
        // One delegation per institution (and per person meeting alone) at an event; the null side is not counted.
        builder.HasIndex(d => new { d.EventId, d.InstitutionId }).IsUnique();
        builder.HasIndex(d => new { d.EventId, d.PersonId }).IsUnique();
        builder.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Institution).WithMany().HasForeignKey(d => d.InstitutionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(d => d.Person).WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class MeetingRequestConfiguration : IEntityTypeConfiguration<MeetingRequest>
{
    public void Configure(EntityTypeBuilder<MeetingRequest> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(MeetingRules.ReasonMaxLength);
        builder.Property(r => r.Unplaced).HasMaxLength(300);
        builder.Property(r => r.UnplacedArguments).HasMaxLength(1000);
        builder.HasIndex(r => new { r.EventId, r.Status });
        builder.HasIndex(r => r.FromId);
        builder.HasIndex(r => r.ToId);
        builder.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.From).WithMany().HasForeignKey(r => r.FromId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.To).WithMany().HasForeignKey(r => r.ToId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Block).WithMany().HasForeignKey(r => r.BlockId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Interpreter).WithMany().HasForeignKey(r => r.InterpreterId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Agreement).WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class InterpreterConfiguration : IEntityTypeConfiguration<Interpreter>
{
    public void Configure(EntityTypeBuilder<Interpreter> builder)
    {
        builder.Property(i => i.Pairs).HasMaxLength(200).IsUnicode(false);
        builder.Property(i => i.UnavailableBlocks).HasMaxLength(400).IsUnicode(false);
        builder.HasIndex(i => new { i.EventId, i.PersonId }).IsUnique();
        builder.HasOne(i => i.Event).WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Person).WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class MeetingSettingsConfiguration : IEntityTypeConfiguration<MeetingSettings>
{
    public void Configure(EntityTypeBuilder<MeetingSettings> builder)
    {
        builder.HasKey(s => s.EventId);
        builder.HasOne(s => s.Event).WithOne().HasForeignKey<MeetingSettings>(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.AgreementCeremony).WithMany().HasForeignKey(s => s.AgreementCeremonyId).OnDelete(DeleteBehavior.NoAction);
    }
}
