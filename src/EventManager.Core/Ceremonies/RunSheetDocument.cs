using EventManager.Core.Printing;

namespace EventManager.Core.Ceremonies;

/// <summary>One agreement's line of the run sheet; parties and signatories one per line, in the same order.</summary>
public sealed record RunSheetRow(string Order, string Round, string Table, string Title, IReadOnlyList<string> Parties, IReadOnlyList<string> Signatories, string Status);

/// <summary>The master of ceremonies' sheet: headings are localized by the caller.</summary>
public sealed record RunSheetModel(string Title, string Subtitle, IReadOnlyList<string> Headings, IReadOnlyList<RunSheetRow> Rows, string Footer);

/// <summary>The run sheet of a signing ceremony as an A4 landscape PDF table, continued over as many pages as it needs.</summary>
public sealed class RunSheetRenderer(FontCatalog fonts)
{
    private static readonly float[] Columns = [34, 44, 44, 210, 230, 208];

    public byte[] Render(RunSheetModel sheet) =>
        new TableSheetRenderer(fonts, Columns, landscape: true).Render(new TableSheet(sheet.Title, sheet.Subtitle, sheet.Headings,
            sheet.Rows.Select(row => (IReadOnlyList<SheetCell>)
            [
                row.Order, row.Round, row.Table,
                new SheetCell([row.Title], 3, row.Status),
                new SheetCell(row.Parties, 2),
                new SheetCell(row.Signatories, 2),
            ]).ToList(),
            sheet.Footer));
}
