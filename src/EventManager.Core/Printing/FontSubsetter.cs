using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace EventManager.Core.Printing;

/// <summary>
/// Cuts a font down to the characters one document uses. SkiaSharp's PDF backend embeds whole
/// font files (3 MB for Chinese); HarfBuzz's subsetter, exported by libHarfBuzzSharp but not
/// wrapped by HarfBuzzSharp, makes that a few kilobytes.
/// </summary>
/// <summary>A subset font's bytes, and the glyph each glyph of the whole font became in it.</summary>
internal sealed record SubsetFontData(byte[] Data, IReadOnlyDictionary<uint, ushort> NewGlyphs);

internal static class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    // hb_subset_flags_t: hinting is useless in a PDF meant for printing and is a large part of a glyph's bytes.
    private const uint NoHinting = 0x00000001;

    /// <summary>
    /// Cuts the font down to the characters of the text and the glyphs HarfBuzz drew for it with the whole font (a
    /// shaper makes glyphs of characters that are not in the text: Thai and Lao SARA AM become NIKHAHIT and SARA AA,
    /// a Khmer split vowel gets its pre-base part), and says where each kept glyph went in the subset.
    /// </summary>
    public static SubsetFontData Subset(IntPtr face, IEnumerable<int> codepoints, IEnumerable<uint> glyphs)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        }

        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codepoint in codepoints)
            {
                hb_set_add(unicodes, (uint)codepoint);
            }

            var glyphSet = hb_subset_input_glyph_set(input);
            foreach (var glyph in glyphs)
            {
                hb_set_add(glyphSet, glyph);
            }

            hb_subset_input_set_flags(input, hb_subset_input_get_flags(input) | NoHinting);
            var plan = hb_subset_plan_create_or_fail(face, input);
            if (plan == IntPtr.Zero)
            {
                throw new InvalidOperationException("HarfBuzz could not plan the font subset.");
            }

            try
            {
                // The map belongs to the plan: read it before the plan goes.
                var oldToNew = new Dictionary<uint, ushort>();
                var map = hb_subset_plan_old_to_new_glyph_mapping(plan);
                var index = -1;
                while (hb_map_next(map, ref index, out var oldGlyph, out var newGlyph))
                {
                    oldToNew[oldGlyph] = checked((ushort)newGlyph);
                }

                var subset = hb_subset_plan_execute_or_fail(plan);
                if (subset == IntPtr.Zero)
                {
                    throw new InvalidOperationException("HarfBuzz could not subset the font.");
                }

                try
                {
                    var blob = hb_face_reference_blob(subset);
                    try
                    {
                        var data = hb_blob_get_data(blob, out var length);
                        var bytes = new byte[length];
                        Marshal.Copy(data, bytes, 0, (int)length);
                        return new SubsetFontData(bytes, oldToNew);
                    }
                    finally
                    {
                        hb_blob_destroy(blob);
                    }
                }
                finally
                {
                    hb_face_destroy(subset);
                }
            }
            finally
            {
                hb_subset_plan_destroy(plan);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    /// <summary>
    /// Precomputes what the subsetter needs from a face (a CJK font's cmap and glyph closure):
    /// later subsets of the returned face take a fraction of the time. Free it with <see cref="Destroy"/>.
    /// </summary>
    public static IntPtr Preprocess(Face face) => hb_subset_preprocess(face.Handle);

    public static void Destroy(IntPtr face) => hb_face_destroy(face);

    [DllImport(Library)] private static extern IntPtr hb_subset_preprocess(IntPtr face);
    [DllImport(Library)] private static extern IntPtr hb_subset_input_create_or_fail();
    [DllImport(Library)] private static extern void hb_subset_input_destroy(IntPtr input);
    [DllImport(Library)] private static extern IntPtr hb_subset_input_unicode_set(IntPtr input);
    [DllImport(Library)] private static extern IntPtr hb_subset_input_glyph_set(IntPtr input);
    [DllImport(Library)] private static extern IntPtr hb_subset_plan_create_or_fail(IntPtr face, IntPtr input);
    [DllImport(Library)] private static extern IntPtr hb_subset_plan_old_to_new_glyph_mapping(IntPtr plan);
    [DllImport(Library)] private static extern IntPtr hb_subset_plan_execute_or_fail(IntPtr plan);
    [DllImport(Library)] private static extern void hb_subset_plan_destroy(IntPtr plan);
    [DllImport(Library)] [return: MarshalAs(UnmanagedType.Bool)] private static extern bool hb_map_next(IntPtr map, ref int index, out uint key, out uint value);
    [DllImport(Library)] private static extern uint hb_subset_input_get_flags(IntPtr input);
    [DllImport(Library)] private static extern void hb_subset_input_set_flags(IntPtr input, uint flags);
    [DllImport(Library)] private static extern void hb_set_add(IntPtr set, uint codepoint);
    [DllImport(Library)] private static extern IntPtr hb_face_reference_blob(IntPtr face);
    [DllImport(Library)] private static extern void hb_face_destroy(IntPtr face);
    [DllImport(Library)] private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);
    [DllImport(Library)] private static extern void hb_blob_destroy(IntPtr blob);
}

/// <summary>HarfBuzz blobs over native copies: a blob made from a managed stream does not outlive the stream.</summary>
internal static class NativeBlob
{
    public static Blob From(byte[] data)
    {
        var memory = Marshal.AllocHGlobal(data.Length);
        Marshal.Copy(data, 0, memory, data.Length);
        return new Blob(memory, data.Length, MemoryMode.ReadOnly, () => Marshal.FreeHGlobal(memory));
    }
}
