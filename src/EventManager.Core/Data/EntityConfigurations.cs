using EventManager.Core.Events;
using EventManager.Core.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventManager.Core.Data;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(EventRules.NameMaxLength);
        builder.Property(e => e.Slug).HasMaxLength(EventRules.SlugMaxLength);
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.Description).HasMaxLength(EventRules.DescriptionMaxLength);
        builder.Property(e => e.TimeZoneId).HasMaxLength(64);
        builder.Property(e => e.Venue).HasMaxLength(200);
        builder.Property(e => e.City).HasMaxLength(100);
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
        builder.HasIndex(d => d.Email).IsUnique();
        builder.Property(d => d.PreferredLanguage).HasMaxLength(35);
        builder.Property(d => d.TimeZoneId).HasMaxLength(64);
        builder.HasOne(d => d.Institution).WithMany().HasForeignKey(d => d.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
