using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Institutions;

namespace EventManager.Core.Registrations;

public enum RegistrationStatus
{
    Pending = 0,
    Confirmed = 1,
    Waitlisted = 2,
    Declined = 3,
    Cancelled = 4,
}

public enum RegistrationCategory
{
    Delegate = 0,
    Speaker = 1,
    Observer = 2,
    Press = 3,
}

/// <summary>
/// A delegate at an event. The person's details are kept as given for this event (dietary needs,
/// travel dates and position belong to this visit); <see cref="DelegateId"/> links the same person across events.
/// </summary>
public class Registration
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public int? DelegateId { get; set; }
    public Delegate? Delegate { get; set; }

    /// <summary>The secret of the self-service link /r/{token}: 256 random bits, base64url.</summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string Token { get; set; }

    public RegistrationStatus Status { get; set; }
    public RegistrationCategory Category { get; set; }

    /// <summary>The order in which the server took the submission; members of one delegation share it.</summary>
    public long Sequence { get; set; }

    /// <summary>Members of one delegation share the key; a single registration has its own.</summary>
    public Guid DelegationKey { get; set; }
    public bool IsHeadOfDelegation { get; set; }

    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]

    public required string LatinName { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? NativeName { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Position { get; set; }

    /// <summary>Lower-case, trimmed: one registration per address and event.</summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string Email { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Phone { get; set; }

    public int? InstitutionId { get; set; }
    public Institution? Institution { get; set; }

    /// <summary>An institution the delegate did not find in the list; an organiser accepts or merges it.</summary>
    [Common.NotPersonalData("an institution, not a person")]
    public string? ProposedInstitutionName { get; set; }
    [Common.NotPersonalData("an institution, not a person")]
    public string? ProposedInstitutionNativeName { get; set; }

    public required string CountryCode { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? PreferredLanguage { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? TimeZoneId { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? DietaryNeeds { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public DateOnly? ArrivalDate { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public DateOnly? DepartureDate { get; set; }
    public bool NeedsVisaLetter { get; set; }

    /// <summary>
    /// Passport number, nationality and date of birth for the visa letter, encrypted (<see cref="TravelDocumentVault"/>);
    /// only while a letter is wanted.
    /// </summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? TravelDocument { get; set; }

    /// <summary>
    /// When an organiser last printed this delegate's visa letter, who signed it as printer, and in which language:
    /// from then on the delegate downloads the same letter from their private link.
    /// </summary>
    public DateTime? VisaLetterIssuedAtUtc { get; set; }
    [Common.KeptAsRecord("the organiser who printed the letter, as the letter names them; not the delegate's data")]
    public string? VisaLetterIssuedBy { get; set; }
    [Common.KeptAsRecord("the printing organiser's contact address, as the letter gives it")]
    public string? VisaLetterIssuedByContact { get; set; }
    [Common.NotPersonalData("a language code")]
    public string? VisaLetterLanguage { get; set; }

    /// <summary>The version of the event's privacy notice agreed to on the form, and when; null where none was asked.</summary>
    public int? ConsentVersion { get; set; }
    public DateTime? ConsentedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public DateTime? CheckedInAtUtc { get; set; }

    /// <summary>Answers to the event's own questions.</summary>
    public List<RegistrationAnswer> Answers { get; set; } = [];

    /// <summary>When the delegate's personal data was erased; the row stays, for the event's figures.</summary>
    public DateTime? ErasedAtUtc { get; set; }

    /// <summary>
    /// Both names and the email as search compares them (<see cref="TextNormalization.SearchKey"/>);
    /// kept up to date on every save.
    /// </summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string SearchText { get; set; } = "";

    public string ComputeSearchText() => TextNormalization.SearchKey(string.Join('\n', LatinName, NativeName, Email));

    public string InstitutionDisplayName => Institution?.EnglishName ?? ProposedInstitutionName ?? "";

    /// <summary>The institution as a reader of this language ("kk") reads it (<see cref="Institution.NameFor"/>).</summary>
    public string InstitutionNameFor(string language) => Institution?.NameFor(language) ?? ProposedInstitutionName ?? "";
}

/// <summary>
/// How an event takes registrations, and the counters that keep it honest. Every change to who holds a
/// place first updates this row, so concurrent changes for one event queue up behind its lock — on SQLite
/// and on SQL Server alike.
/// </summary>
public class RegistrationPolicy
{
    public int EventId { get; set; }
    public Event? Event { get; set; }

    public bool Enabled { get; set; }
    public DateTime? OpensAtUtc { get; set; }
    public DateTime? ClosesAtUtc { get; set; }

    /// <summary>Places in all; null means no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>Places one institution may hold; null means no limit.</summary>
    public int? InstitutionQuota { get; set; }
    public bool RequiresApproval { get; set; }

    /// <summary>Only people holding an invitation's link may register; the public form says so and takes nobody.</summary>
    public bool InvitationOnly { get; set; }

    /// <summary>Confirmed registrations, kept in step with them under the row lock.</summary>
    public int ConfirmedCount { get; set; }

    /// <summary>Bumped by every change to places; its value numbers submissions in the order they were served.</summary>
    public long Version { get; set; }

    /// <summary>Every place is taken: whoever registers now joins the waiting list.</summary>
    public bool IsFull => Capacity is { } capacity && ConfirmedCount >= capacity;

    public bool IsOpenAt(DateTime utc) =>
        Enabled && (OpensAtUtc is null || utc >= OpensAtUtc) && (ClosesAtUtc is null || utc < ClosesAtUtc);
}
