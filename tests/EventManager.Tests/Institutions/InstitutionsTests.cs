using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

public sealed class InstitutionsTests : SignedInOrganiserTest
{
    private static Dictionary<string, string> Fields(string english, string? native, string country, string city = "") => new()
    {
        ["EnglishName"] = english,
        ["NativeName"] = native ?? "",
        ["CountryCode"] = country,
        ["City"] = city,
    };

    [Fact]
    public async Task A_decomposed_name_is_stored_composed_and_shown_as_typed()
    {
        // "й" is и plus a breve: macOS keyboards send it decomposed.
        const string native = "Абай атындағы Қазақ ұлттық педагогикалық университеті";
        var decomposed = native.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(native, decomposed);

        using var response = await Organiser.SubmitFormAsync("/organiser/institutions/new", Fields("Abai Kazakh National Pedagogical University", decomposed, "KZ", "Almaty"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Abai Kazakh National Pedagogical University was saved.", (await response.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);

        var stored = await App.WithDbAsync(db => db.Institutions.SingleAsync());
        Assert.Equal(native, stored.NativeName);
        var list = await Organiser.GetPageAsync("/organiser/institutions");
        var cell = list.QuerySelectorAll("td").Single(td => td.TextContent == native);
        Assert.Equal("kk", cell.GetAttribute("lang"));
        Assert.Contains(list.QuerySelectorAll("td"), td => td.TextContent == "Kazakhstan");
    }

    [Theory]
    [InlineData("ថាយ", "KH", "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ")]
    [InlineData("Yangon", "MM", "ရန်ကုန်တက္ကသိုလ်")]
    [InlineData("Chulalongkorn", "TH", "จุฬาลงกรณ์มหาวิทยาลัย")]
    [InlineData("VNU", "VN", "Đại học Quốc gia Hà Nội")]
    [InlineData("Vientiane", "LA", "ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ")]
    public async Task Southeast_asian_names_round_trip(string english, string country, string native)
    {
        using var response = await Organiser.SubmitFormAsync("/organiser/institutions/new", Fields(english, native, country));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await Organiser.GetPageAsync("/organiser/institutions");
        Assert.Contains(list.QuerySelectorAll("td"), td => td.TextContent == native.Normalize(NormalizationForm.FormC));
    }

    [Fact]
    public async Task The_same_institution_twice_in_one_country_is_refused()
    {
        (await Organiser.SubmitFormAsync("/organiser/institutions/new", Fields("Guizhou University", "贵州大学", "CN"))).Dispose();
        using var again = await Organiser.SubmitFormAsync("/organiser/institutions/new", Fields("Guizhou University", "贵州大学", "CN"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("Guizhou University is already listed for this country.", (await again.ReadDocumentAsync()).Errors());
        Assert.Equal(1, await App.WithDbAsync(db => db.Institutions.CountAsync()));
    }

    [Theory]
    [InlineData("", "CN", "Enter the institution's name in English.")]
    [InlineData("Somewhere University", "XX", "Choose a country from the list.")]
    [InlineData("Somewhere University", "", "Choose a country from the list.")]
    [InlineData("Somewhere University", "China", "Choose a country from the list.")]
    public async Task Bad_input_gets_a_message_and_writes_nothing(string english, string country, string message)
    {
        using var response = await Organiser.SubmitFormAsync("/organiser/institutions/new", Fields(english, null, country));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await App.WithDbAsync(db => db.Institutions.CountAsync()));
    }

    [Fact]
    public async Task An_institution_can_be_corrected()
    {
        (await Organiser.SubmitFormAsync("/organiser/institutions/new", Fields("Guizhou Univ.", "贵州大学", "CN"))).Dispose();
        var id = await App.WithDbAsync(db => db.Institutions.Select(i => i.Id).SingleAsync());
        var form = await Organiser.GetPageAsync($"/organiser/institutions/{id}/edit");
        Assert.Equal("CN", form.QuerySelector("#CountryCode option[selected]")!.GetAttribute("value"));

        (await Organiser.SubmitFormAsync($"/organiser/institutions/{id}/edit", Fields("Guizhou University", "贵州大学", "CN", "Guiyang"))).Dispose();
        var stored = await App.WithDbAsync(db => db.Institutions.SingleAsync());
        Assert.Equal(("Guizhou University", "Guiyang"), (stored.EnglishName, stored.City));
    }
}
