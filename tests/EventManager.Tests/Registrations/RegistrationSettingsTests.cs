using System.Net;
using System.Text;
using EventManager.Core.Registrations;

namespace EventManager.Tests;

public sealed class RegistrationSettingsTests : SignedInOrganiserTest
{
    [Fact]
    public async Task An_organiser_sets_dates_places_and_approval_in_the_events_time_zone()
    {
        var ev = await App.CreateEventAsync("settings", enabled: false);
        using var saved = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/registration-settings", new Dictionary<string, string>
        {
            ["Enabled"] = "true",
            ["OpensLocal"] = "2027-06-01T09:00",
            ["ClosesLocal"] = "2027-08-31T23:59",
            ["Capacity"] = "90",
            ["InstitutionQuota"] = "5",
            ["RequiresApproval"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Registration settings saved.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var policy = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.RegistrationPolicies, p => p.EventId == ev.Id));
        // 09:00 in Guiyang is 01:00 UTC.
        Assert.Equal(new DateTime(2027, 6, 1, 1, 0, 0, DateTimeKind.Utc), policy.OpensAtUtc);
        Assert.Equal((90, 5, true, true), (policy.Capacity!.Value, policy.InstitutionQuota!.Value, policy.RequiresApproval, policy.Enabled));

        var form = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registration-settings");
        Assert.Equal("2027-06-01T09:00", form.QuerySelector("#OpensLocal")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("ClosesLocal", "2027-05-01T09:00", "Registration must close after it opens.")]
    [InlineData("Capacity", "-3", "Enter a number of places between 0 and 1,000,000, or leave it empty for no limit.")]
    [InlineData("Capacity", "lots", "'lots' is not a valid value for Places.")]
    [InlineData("InstitutionQuota", "0", "Enter at least 1 place per institution, or leave it empty for no limit.")]
    public async Task Bad_settings_are_explained_and_not_saved(string field, string value, string message)
    {
        var ev = await App.CreateEventAsync("bad-settings", capacity: 10);
        var fields = new Dictionary<string, string> { ["Enabled"] = "true", ["OpensLocal"] = "2027-06-01T09:00", ["Capacity"] = "20", [field] = value };
        using var response = await Organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/registration-settings", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(10, await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.RegistrationPolicies.Select(p => p.Capacity))));
    }
}
