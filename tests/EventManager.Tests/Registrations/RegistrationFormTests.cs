using System.Net;
using EventManager.Core.Common;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The registration form asks well: required fields marked, companions on request, the privacy notice agreed to and kept.</summary>
public class RegistrationFormTests : SignedInOrganiserTest
{
    private readonly TestDatabase database;

    public RegistrationFormTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected RegistrationFormTests(TestDatabase database) => this.database = database;

    protected override AppFactory CreateApp() => new AppFactory(database: database).With("RateLimits:PublicFormPermits", "1000");

    private AppFactory app => App;

    [Fact]
    public async Task Required_fields_are_marked_and_a_solo_delegate_sees_no_companion_rows_until_they_add_one()
    {
        await app.CreateEventAsync("form");
        var client = app.Client();
        var form = await client.GetPageAsync("/events/form/register");
        foreach (var id in new[] { "LatinName", "Email", "CountryCode" })
        {
            Assert.Equal("true", form.GetElementById(id)!.GetAttribute("aria-required"));
            Assert.NotNull(form.QuerySelector($"label[for={id}].required"));
        }

        Assert.Null(form.GetElementById("Phone")!.GetAttribute("aria-required"));
        Assert.Empty(form.QuerySelectorAll(".companion"));

        // "Add a person" posts what was typed and gets it back with one row more; nothing is registered yet.
        var fields = RegistrationSupport.Delegate("head@form.example");
        fields["AddCompanion"] = "true";
        using var added = await client.SubmitFormAsync("/events/form/register", fields);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withOne = await added.ReadDocumentAsync();
        Assert.Single(withOne.QuerySelectorAll(".companion"));
        Assert.Equal("head@form.example", withOne.GetElementById("Email")!.GetAttribute("value"));
        Assert.Empty(withOne.Errors());
        Assert.Empty(await app.WithDbAsync(db => db.Registrations.ToListAsync()));

        fields["Companions[0].LatinName"] = "Dana Bekova";
        fields["Companions[0].Email"] = "dana@form.example";
        using var twice = await client.SubmitFormAsync("/events/form/register", fields);
        var withTwo = await twice.ReadDocumentAsync();
        Assert.Equal(2, withTwo.QuerySelectorAll(".companion").Length);
        Assert.Equal("Dana Bekova", withTwo.GetElementById("Companions_0__LatinName")!.GetAttribute("value"));

        fields.Remove("AddCompanion");
        var token = await app.TokenOfAsync(await client.SubmitFormAsync("/events/form/register", fields));
        Assert.Equal(2, (await app.WithDbAsync(db => db.Registrations.ToListAsync())).Count);
        Assert.NotEmpty(token);
    }

    [Fact]
    public async Task Where_organisers_require_it_nobody_registers_without_agreeing_and_the_version_agreed_to_is_kept()
    {
        var ev = await app.CreateEventAsync("consent", languages: "en,ru");
        await SaveNoticeAsync(ev.Id, LocalText.From(("en", "We keep your details until the event ends."), ("ru", "Мы храним ваши данные до конца мероприятия.")), true);

        var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept-Language", "ru");
        var form = await client.GetPageAsync("/events/consent/register");
        Assert.Contains("Мы храним ваши данные", form.QuerySelector("#privacy-notice")!.TextContent);
        Assert.Equal("true", form.GetElementById("Consented")!.GetAttribute("aria-required"));

        using var refused = await client.SubmitFormAsync("/events/consent/register", RegistrationSupport.Delegate("no@consent.example"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.NotNull((await refused.ReadDocumentAsync()).QuerySelector("#Consented[aria-invalid=true]"));
        Assert.Empty(await app.WithDbAsync(db => db.Registrations.ToListAsync()));

        var before = DateTime.UtcNow.AddSeconds(-1);
        (await app.TokenOfAsync(await client.SubmitFormAsync("/events/consent/register", RegistrationSupport.Delegate("yes@consent.example", change: f => f["Consented"] = "true")))).ToString();
        var agreed = await app.WithDbAsync(db => db.Registrations.SingleAsync(r => r.Email == "yes@consent.example"));
        Assert.Equal(1, agreed.ConsentVersion);
        Assert.InRange(agreed.ConsentedAtUtc!.Value, before, DateTime.UtcNow.AddSeconds(1));

        // A changed text is a new version; those who agree from now on agree to it. Saving the same text again is not.
        await SaveNoticeAsync(ev.Id, LocalText.From(("en", "We keep your details for one year.")), true);
        await SaveNoticeAsync(ev.Id, LocalText.From(("en", "We keep your details for one year.")), true);
        (await client.SubmitFormAsync("/events/consent/register", RegistrationSupport.Delegate("later@consent.example", change: f => f["Consented"] = "true"))).Dispose();
        Assert.Equal(2, await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "later@consent.example").Select(r => r.ConsentVersion).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == "yes@consent.example").Select(r => r.ConsentVersion).SingleAsync()));

        // The organiser sees what each agreed to.
        var detail = await Organiser.GetPageAsync($"/organiser/events/{ev.Id}/registrations/{agreed.Id}");
        Assert.Contains("version 1", detail.QuerySelector("#consent")!.TextContent);
    }

    [Fact]
    public async Task A_notice_without_required_agreement_is_shown_and_nobody_is_refused()
    {
        var ev = await app.CreateEventAsync("notice");
        await SaveNoticeAsync(ev.Id, LocalText.From(("en", "Photographs are taken at the ceremony.")), false);
        var form = await app.Client().GetPageAsync("/events/notice/register");
        Assert.Contains("Photographs are taken", form.QuerySelector("#privacy-notice")!.TextContent);
        Assert.Null(form.GetElementById("Consented"));
        await app.TokenOfAsync(await app.Client().RegisterAsync("notice", RegistrationSupport.Delegate("a@notice.example")));
    }

    private Task SaveNoticeAsync(int eventId, LocalText text, bool required) =>
        app.WithServiceAsync<PrivacyNotices, bool>(async notices =>
        {
            var saved = await notices.SaveAsync(eventId, new PrivacyNoticeInput(text, required));
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            return true;
        });
}

public sealed class RegistrationFormTestsOnPostgreSql() : RegistrationFormTests(TestDatabase.PostgreSql);
