namespace EventManager.Core.Registrations;

/// <summary>One person as submitted on the public form.</summary>
public sealed record PersonDetails(
    string LatinName,
    string? NativeName,
    string? Position,
    string Email,
    RegistrationCategory Category,
    string? DietaryNeeds);

/// <summary>A submission: the person registering (head of a delegation when others come too) and the others.</summary>
public sealed record RegistrationRequest(
    PersonDetails Head,
    IReadOnlyList<PersonDetails> Companions,
    int? InstitutionId,
    string? ProposedInstitutionName,
    string? ProposedInstitutionNativeName,
    string CountryCode,
    string? Phone,
    string? PreferredLanguage,
    string? TimeZoneId,
    DateOnly? ArrivalDate,
    DateOnly? DepartureDate,
    bool NeedsVisaLetter,
    IReadOnlyDictionary<int, string?>? Answers = null,
    TravelDocumentInput? TravelDocument = null,
    bool? Consented = null,
    IReadOnlyDictionary<int, UploadedFile>? Files = null);

/// <summary>What a delegate may correct through the self-service link.</summary>
public sealed record RegistrationCorrection(
    string LatinName,
    string? NativeName,
    string? Position,
    string? Phone,
    string? PreferredLanguage,
    string? TimeZoneId,
    string? DietaryNeeds,
    DateOnly? ArrivalDate,
    DateOnly? DepartureDate,
    bool NeedsVisaLetter,
    IReadOnlyDictionary<int, string?>? Answers = null,
    TravelDocumentInput? TravelDocument = null,
    IReadOnlyDictionary<int, UploadedFile>? Files = null);

public sealed record RegistrationPolicyInput(
    bool Enabled,
    DateTime? OpensLocal,
    DateTime? ClosesLocal,
    int? Capacity,
    int? InstitutionQuota,
    bool RequiresApproval,
    bool InvitationOnly = false);
