using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Two app instances on one database behave as one site.</summary>
public sealed class SharedDatabaseTests
{
    [Fact]
    public async Task A_sign_in_on_one_instance_is_honoured_by_another()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-shared-").FullName;
        await using var first = new AppFactory(folder);
        await using var second = new AppFactory(folder);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        var browserOnFirst = first.CreateClient(options);
        var browserOnSecond = second.CreateClient(options);

        // Sign in on the first instance, keeping the cookies by hand as a browser would.
        using var loginPage = await browserOnFirst.GetAsync("/account/login");
        var antiforgeryCookie = Cookies(loginPage);
        var token = Html.Parse(await loginPage.Content.ReadAsStringAsync())
            .QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Email"] = AppFactory.OrganiserEmail,
                ["Password"] = AppFactory.OrganiserPassword,
            }),
        };
        login.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await browserOnFirst.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authCookie = Cookies(signedIn);
        Assert.Contains("EventManager.Auth=", authCookie);

        // The second instance reads the first one's cookie: the keys are shared through the database.
        var request = new HttpRequestMessage(HttpMethod.Get, "/organiser/events");
        request.Headers.Add("Cookie", authCookie);
        using var viaSecond = await browserOnSecond.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, viaSecond.StatusCode);

        Assert.True(await second.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()), "Data-protection keys are kept in the shared database.");
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}
