using System.Net;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The benchmarks' ceiling endpoints answer only where they are turned on, and the POST checks the antiforgery token as every form does.</summary>
public sealed class CeilingEndpointTests
{
    [Fact]
    public async Task The_ceiling_is_off_by_default()
    {
        await using var app = new AppFactory();
        using var read = await app.Client().GetAsync("/_ceiling");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var sized = await app.Client().GetAsync("/_ceiling?bytes=100");
        Assert.Equal(HttpStatusCode.NotFound, sized.StatusCode);
    }

    [Fact]
    public async Task Turned_on_it_answers_without_the_database_and_the_post_still_wants_a_token()
    {
        await using var app = new AppFactory().With("Diagnostics:CeilingEndpoints", "true").With("Diagnostics:CountQueries", "true");
        var client = app.Client(followRedirects: false);
        using var read = await client.GetAsync("/_ceiling");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("ok", await read.Content.ReadAsStringAsync());
        Assert.Equal("0", read.Headers.GetValues("X-Db-Commands").Single());

        using var forged = await client.PostAsync("/_ceiling", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var token = (await client.GetPageAsync("/account/login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var written = await client.PostAsync("/_ceiling", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);

        // The page-size floor: exactly the bytes asked for, no database.
        using var sized = await client.GetAsync("/_ceiling?bytes=54321");
        Assert.Equal(54321, (await sized.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("0", sized.Headers.GetValues("X-Db-Commands").Single());

        // The write floor: a token, then one row in one committed transaction.
        using var unsigned = await client.PostAsync("/_ceiling/write", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        using var stored = await client.PostAsync("/_ceiling/write", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CeilingRows.CountAsync()));
    }
}
