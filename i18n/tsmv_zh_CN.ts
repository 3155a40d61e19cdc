<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>Attribution</name>
    <message>
        <source>Attribute total soil-moisture variability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Splits the variance of each pixel&apos;s total soil moisture TSM(t) over the period from the {START_YEAR} to the {END_YEAR} into 32 contributions: 4 wetness seasons x 4 depths x {long-term trend, interannual variability (IAV)}, as in Li et al. (2025), eq. 1-10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With x_{s,d}(t) = SM_{s,d}(t)/4 (the seasonal soil moisture stacks of &apos;Classify wetness seasons&apos;, kg m-2), TSM(t) = sum x_{s,d}(t). alpha and alpha_{s,d} are ordinary-least-squares lines on the year, beta and beta_{s,d} the residuals. RC Trend_{s,d} = Cov(alpha, alpha_{s,d}) / Var(TSM) and RC IAV_{s,d} = Cov(beta, beta_{s,d}) / Var(TSM), in percent; the 32 terms sum to 100 percent at every pixel. omega_{s,d} = (RC Trend + RC IAV) / P_{s,d}, where P_{s,d} is the component&apos;s share of mean TSM (percent): omega &gt; 1 means the component moves TSM more than its share of the water.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period needs at least 3 years, and the stacks every season of every year of it; otherwise it is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pixel needs every season of every year of the period in all four layers; otherwise, or if its TSM is constant (a standard deviation of at most 1e-9 of its mean), it is NaN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {DOMINANT} holds the two largest signed terms (eq. 10); ties go to the smaller code. Codes are k = 1 + 16c + 4s + d, named in the legend (&apos;IAV SA-S 100-200 cm&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The means of the {TABLE} are area-weighted (cos latitude) over valid pixels, with unweighted means beside them; mean_omega is the area-weighted mean omega of the season-depth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run it once per period (e.g. 1948-1999 and 2000-2024) to compare periods.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasonal stack (kg m-2) of the %s cm layer from &apos;Classify wetness seasons&apos; (bands &apos;YYYY H-S&apos; ... &apos;YYYY A-S&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First year of the period. Empty: the first year of the stacks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year of the period. Empty: the last year of the stacks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributions of the 32 components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the RC of each component, band 1 + 16c + 4s + d for dynamic c (0 Trend, 1 IAV), season s (0 H-S ... 3 A-S), depth d (0 0-10 cm ... 3 100-200 cm), labelled &apos;Trend H-S 0-10 cm&apos; ... &apos;IAV A-S 100-200 cm&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributions by season</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the sum over depths and dynamics, bands H-S, SH-S, SA-S, A-S.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributions by depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the sum over seasons and dynamics, bands 0-10 cm, 10-40 cm, 40-100 cm, 100-200 cm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributions by dynamic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the sum over seasons and depths, bands Trend, IAV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contribution per unit of storage (omega)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, a ratio without unit: omega = (RC Trend + RC IAV) / P, P the component&apos;s share of mean TSM (percent); band 1 + 4s + d, labelled &apos;H-S 0-10 cm&apos; ... &apos;A-S 100-200 cm&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dominant components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, bands top1_code, top1_percent, top2_code, top2_percent: the codes (1-32) and the contributions (percent of Var(TSM)) of the two largest of the 32 signed terms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribution table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, one row per component (32): code, dynamic, season, depth, mean_percent (area-weighted, percent of Var(TSM)), mean_percent_unweighted, mean_omega (area-weighted), pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: %d pixels attributed; area-weighted Trend %.1f%%, IAV %.1f%% of Var(TSM)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Correlation</name>
    <message>
        <source>Correlate seasonal soil moisture with GPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecosystems and GPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For every pixel, wetness season s and depth d: the Pearson correlation r between seasonal soil moisture SM_{s,d}(t) and seasonal GPP_s(t) over the years, and its two-sided p-value (t test, n - 2 degrees of freedom), as in Li et al. (2025), section 3.4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPP_s(t) is the mean of the monthly GPP over the three months that the {SEASON_CODES} give season s in year t at that pixel (NaN if one of them is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Years where both series exist are used (pairwise complete); fewer than 5 years, or a constant series, gives NaN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period runs from the {START_YEAR} to the {END_YEAR}, within the years that have soil moisture, season codes and GPP (all 12 months); GPP years that do not overlap the soil-moisture years are refused, and so is a period with fewer than 5 such years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {TABLE} gives, for Global (every pixel with an r) and for Forests, Shrublands, Grasslands and Croplands (codes 1-4 of the {ECOSYSTEMS}), by season and depth: pixels, mean_r and mean_p (area-weighted, cos latitude), significant_pixels (p &lt; alpha, the {ALPHA}) and percent_significant (area-weighted, percent) - the paper&apos;s comprehensive table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs are checked for their role: the {SEASON_CODES} and the {GPP} must be monthly stacks holding season codes (1-4) and GPP (a swapped pair is refused by their metadata or values); the {ECOSYSTEMS} must be the one-band &apos;ecosystem&apos; raster (Ecosystems) of &apos;Ecosystems from MODIS MCD12C1 land cover&apos;, codes 1-4. All inputs must be on the same grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {R} and the {P} have 16 bands, band 1 + 4s + d (&apos;H-S 0-10 cm&apos; ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasonal stack (kg m-2) of the %s cm layer from &apos;Classify wetness seasons&apos; (bands &apos;YYYY H-S&apos; ... &apos;YYYY A-S&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Season codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Season codes of &apos;Classify wetness seasons&apos; (bands YYYY-MM, codes 1-4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly GPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly GPP stack (g C m-2 d-1, bands YYYY-MM) on the same grid: the Monthly GPP of &apos;Aggregate GOSIF GPP to the soil-moisture grid&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecosystems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecosystem codes (1-4) on the same grid: the Ecosystems of &apos;Ecosystems from MODIS MCD12C1 land cover&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First year. Empty: the first year with all inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year. Empty: the last year with all inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A correlation is significant when its p-value is below this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pearson r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled &apos;H-S 0-10 cm&apos; ... &apos;A-S 100-200 cm&apos; (band 1 + 4s + d): the Pearson r (no unit, -1 to 1) of each season and depth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p-value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled as the {R}: the two-sided p-value of each r.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, one row per ecosystem (Global, Forests, Shrublands, Grasslands, Croplands), season and depth: ecosystem, season, depth, pixels, mean_r, mean_p, significant_pixels, percent_significant (percent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlated seasonal soil moisture with GPP over %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Docs</name>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worked example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the example data of make demo (demo/data), from the Processing Toolbox, from the command line (scripts/qgis_process is the project&apos;s wrapper of qgis_process) or from the QGIS Python console:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster layer (GeoTIFF, EPSG:4326)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extent (xmin, xmax, ymin, ymax in degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF raster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gpp</name>
    <message>
        <source>Aggregate GOSIF GPP to the soil-moisture grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecosystems and GPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes a monthly stack (bands YYYY-MM) of mean daily gross primary productivity (g C m-2 d-1) on the grid of the {REFERENCE} from a folder of GOSIF GPP v2 files: 8-day GOSIF_GPP_2000057_Mean.tif (scale 0.001, g C m-2 d-1) or monthly GOSIF_GPP_2019.M01_Mean.tif (scale 0.01, g C m-2 per month), either gzipped (.tif.gz, read through /vsigzip/), global at 0.05 degrees or crops of that grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>65535 (water) and 65534 (snow/ice all year) are dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly files are divided by the days of their month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A GOSIF name with impossible numbers is refused, not skipped: month 00 or 13, day of year 000, 366 of a common year or 367 and more, and an 8-day day that does not start a composite (001, 009, ..., 361), so that no day is weighted twice. Two files for the same period (e.g. .tif and .tif.gz) are refused too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An 8-day composite covers its first day and the seven after it (the last of a year ends on 31 December) and counts in each calendar month for the days it has there: a month&apos;s value at a 0.05 degree cell is the day-weighted mean of the composites valid there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reference cell is the mean of its valid 0.05 degree cells, NaN where fewer of them are valid than the {MIN_VALID} (a fraction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A month of the period (January of the {START_YEAR}, or the first month of the files, to December of the {END_YEAR}, or the last month) that no file covers is NaN, with a warning. A folder with both 8-day and monthly files for a month is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files are read one at a time: memory does not grow with their number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GOSIF GPP folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder searched recursively for GOSIF_GPP_*_Mean.tif[.gz] files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A raster on the target grid, e.g. a soil-moisture stack; each of its cells must hold whole 0.05 degree cells.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First year (from January). Empty: the first month of the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year (to December). Empty: the last month of the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum valid fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction (0.01 to 1) of a reference cell&apos;s 0.05 degree cells that must be valid; otherwise the cell is NaN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly GPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF on the reference grid, g C m-2 d-1, one band per month labelled YYYY-MM: the mean daily GPP of the month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPP for %d months, %s (mean daily GPP, g C m-2 d-1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportGldas</name>
    <message>
        <source>Import GLDAS-Noah soil moisture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads GLDAS-Noah Land Surface Model L4 files (V2.0 1948-2014 and V2.1 2000-, at 1.0 or 0.25 degrees; monthly GLDAS_NOAH10_M / GLDAS_NOAH025_M, subsets ending .SUB.nc4, or 3-hourly GLDAS_NOAH025_3H) and writes one monthly stack per soil layer (0-10, 10-40, 40-100, 100-200 cm), in kg m-2, bands labelled YYYY-MM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month of a file comes from its name, or from time:begin_date for a renamed file; a file whose name and begin_date disagree is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where V2.0 and V2.1 overlap (2000-2014) the newer version is used, unless {VERSION_PRIORITY} is set to &apos;Use the older version (V2.0)&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3-hourly files are averaged cell by cell into the calendar month; a month with fewer than all of its 3-hourly files is averaged from those present and a warning says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fill value (-9999 kg m-2 in GLDAS files, read from their _FillValue and missing_value attributes) becomes NaN. The grid has no CRS in the files; outputs are EPSG:4326, north-up GeoTIFFs (float32, NaN nodata) with a style beside them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files are read with the Python package netCDF4 where QGIS&apos;s Python has it, otherwise with GDAL&apos;s netCDF driver (QGIS&apos;s Windows and macOS installers); the numbers are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {EXTENT} keeps every cell that overlaps it. An extent that crosses the antimeridian (170,-170,... or 170,190,... degrees) is refused: import each side as its own run. An extent without area is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soil variables are read by dimension name, (time, lat, lon) in any order; latitude may run north to south or south to north. A file with more than one time step, longitudes running east to west, other dimensions, or a folder mixing monthly and 3-hourly files is refused, naming the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused, naming the file: an empty folder (or one without GLDAS-Noah files), a month missing from January of the {START_YEAR} to December of the {END_YEAR} (or from the first to the last month found), two files for one month of one version, files on different grids, an unreadable file, a file without the soil variables. Nothing is written unless every month imports. Files are read one at a time, so memory does not grow with the number of files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLDAS-Noah folder (or one file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder searched recursively for GLDAS-Noah .nc4 files, or the path of one file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First year to import (from January). Empty: the first month found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year to import (to December). Empty: the last month found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region to keep; every GLDAS cell that overlaps it is kept. Empty: the whole grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where versions overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the newer version (V2.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the older version (V2.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which GLDAS version to take for months that both V2.0 and V2.1 cover (2000-2014).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soil moisture %s cm (monthly)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, one band per month labelled YYYY-MM: the GLDAS variable %s, the soil moisture of the %s cm layer in kg m-2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported 1 month (%s..%s) from 1 file on %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported 1 month (%s..%s) from %d files on %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %d months (%s..%s) from %d files on %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LandCover</name>
    <message>
        <source>Ecosystems from MODIS MCD12C1 land cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecosystems and GPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives each cell of the {REFERENCE} (e.g. any soil-moisture stack) one of four ecosystems from the 0.05 degree IGBP classes of MODIS MCD12C1 (Majority_Land_Cover_Type_1) inside it: Forests 1 = IGBP 1-5; Shrublands 2 = 6, 7, 8, 9, 11; Grasslands 3 = 10; Croplands 4 = 12, 14. Water, urban, snow/ice and barren (0, 13, 15, 16) are excluded (NaN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {INPUT} is an MCD12C1 .hdf file (its Majority_Land_Cover_Type_1 subdataset is used), the subdataset itself, or any GDAL raster with the same coding (a GeoTIFF export, or a crop on the same 0.05 degree grid). The cells of the {REFERENCE} must hold whole 0.05 degree cells (20 x 20 at 1 degree, 5 x 5 at 0.25 degrees).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With {METHOD} set to &apos;Mode of IGBP classes, then regroup&apos; (the default): the most frequent IGBP class of the block, then regrouped. With &apos;Regroup, then mode of the groups&apos;: every 0.05 degree cell regrouped first, then the most frequent group, the excluded classes counting as one group of their own (a block mostly of water is NaN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill (255) is not counted; a block of fill only is NaN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ties go to the smaller code (with &apos;Regroup, then mode of the groups&apos;, a tie with the excluded group is NaN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells of the reference outside the land-cover raster count as fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL&apos;s collapsed extent for the CMG grid is replaced by (-180, 0.05, 0, 90, 0, -0.05) degrees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A raster with codes outside 0-16 and 255 is refused, and so is an .hdf file when GDAL lacks the HDF4 driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCD12C1 land cover (HDF4 or GeoTIFF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCD12C1 .hdf file, its HDF4_EOS subdataset, or a raster of IGBP codes (0-16, fill 255) on the 0.05 degree grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A raster on the target grid, e.g. a soil-moisture stack; each of its cells must hold whole 0.05 degree cells.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode of IGBP classes, then regroup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regroup, then mode of the groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the block&apos;s mode is taken over the 17 IGBP classes or the regrouped ecosystems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ecosystems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF on the reference grid, one band &apos;ecosystem&apos;: the ecosystem code of each cell, 1 Forests, 2 Shrublands, 3 Grasslands, 4 Croplands; NaN where excluded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualityControl</name>
    <message>
        <source>Remove non-physical soil moisture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks soil-moisture values that cannot be physical, as in Li et al. (2025): a value below 0 kg m-2 or above the layer&apos;s maximum water storage becomes NaN. The default maxima are the paper&apos;s: 99.9 kg m-2 (0-10 cm), 299.9 kg m-2 (10-40 cm), 599.9 kg m-2 (40-100 cm) and 999 kg m-2 (100-200 cm); set them with {MAX_0_10}, {MAX_10_40}, {MAX_40_100} and {MAX_100_200}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inputs are the monthly stacks of &apos;Import GLDAS-Noah soil moisture&apos; (any monthly soil-moisture stack works, bands YYYY-MM; a yearly or seasonal stack is refused). The outputs keep the grid and the labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value equal to the maximum is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+-infinity counts as a value and is masked (below 0 or above the maximum); NaN stays NaN and is not counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work goes by strips of rows, so memory stays bounded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {REPORT} is a CSV with one row per layer and the columns layer, values (input values that are not NaN), masked, percent_masked, below_zero, above_max and max_allowed_kg_m2 (the maximum used, kg m-2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soil moisture %s cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly stack (bands YYYY-MM) of the %s cm layer, in kg m-2, e.g. from &apos;Import GLDAS-Noah soil moisture&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum for %s cm (kg m-2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values above this (kg m-2) in the %s cm layer become NaN; a value equal to it is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soil moisture %s cm (quality-controlled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF with the bands (YYYY-MM) of the input, in kg m-2: the %s cm stack with non-physical values set to NaN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, one row per layer: layer, values, masked, percent_masked, below_zero, above_max, max_allowed_kg_m2 (the maximum used, kg m-2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: %d of %d values masked (%.4f%%; %d below 0 kg m-2, %d above %g kg m-2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes one self-contained HTML file (figures embedded as PNG, made with matplotlib; where QGIS&apos;s Python has no working matplotlib the report keeps its tables and says why; no internet needed to view it) from the outputs of the other TSMV algorithms. Only the {ANNUAL_TSM} is required; every other input adds its section:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ANNUAL_TSM} (and {TREND_A}, {TREND_B}): the global mean annual total soil moisture by year (area-weighted, kg m-2) with the Sen line and the Mann-Kendall p of that mean over each trend period (Fig. 1a).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{SEASONAL_0_10} ... {SEASONAL_100_200}: mean soil moisture by season and depth (kg m-2, Fig. 1b).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{TREND_A}, {TREND_B}: maps of the Sen slope (units of the stack per year, kg m-2 per year for soil moisture); {SUMMARY_A}, {SUMMARY_B}: the trend summary tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{COMPONENTS_A}, {COMPONENTS_B}: maps of the contributions by dynamic, season and depth (percent of Var(TSM), Fig. 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}: 4 x 4 heatmaps of the Trend and IAV contributions (percent) and omega, and with both periods their difference (B minus A) (Fig. 3), with the tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{CORRELATION_TABLE}: the correlation matrices (mean r by season and depth) per ecosystem (Fig. 4) and the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{QC_REPORT}: the quality-control table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periods are read from the rasters&apos; metadata (the START_YEAR and END_YEAR that TSMV records). The attribution tables take their periods from the attribution components when as many components as tables are given, otherwise from the names of the tables&apos; folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every input is checked before any figure is made, and refused with a message naming the parameter and the file: the {ANNUAL_TSM} must be yearly (bands YYYY), the seasonal stacks seasonal (bands &apos;YYYY H-S&apos;; all four or none, each holding its own layer); {TREND_A} and {TREND_B} need the bands slope, intercept, p_value, z, tau, s, trend and a period within the years of the {ANNUAL_TSM}, and {COMPONENTS_A} and {COMPONENTS_B} the 32 contribution bands, both with START_YEAR and END_YEAR in their metadata; the CSVs must be UTF-8 text with the header TSMV writes and at least one row, with numbers where numbers are read and known seasons, depths and dynamics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual total soil moisture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Annual total soil moisture of &apos;Classify wetness seasons&apos; (kg m-2, bands YYYY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Seasonal soil moisture %s cm of &apos;Classify wetness seasons&apos; (kg m-2, bands &apos;YYYY H-S&apos; ... &apos;YYYY A-S&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend, period %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Trend of &apos;Sen&apos;s slope and Mann-Kendall trend&apos; for period %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend summary, period %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Trend summary (CSV) of &apos;Sen&apos;s slope and Mann-Kendall trend&apos; for period %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribution components, period %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Contributions of the 32 components of &apos;Attribute total soil-moisture variability&apos; for period %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribution table, period %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Attribution table (CSV) of &apos;Attribute total soil-moisture variability&apos; for period %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Correlation table (CSV) of &apos;Correlate seasonal soil moisture with GPP&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality-control report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Quality report (CSV) of &apos;Remove non-physical soil moisture&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One HTML file: the figures the inputs allow (Fig. 1a, 1b, 2, 3, 4; PNG, embedded) and the tables of the inputs given (trend summaries, attribution tables, correlation table, quality control).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report with %d figures: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Seasons</name>
    <message>
        <source>Classify wetness seasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For every pixel and calendar year, ranks the 12 months by soil moisture, wettest first: ranks 1-3 are the humid season H-S (code 1), 4-6 sub-humid SH-S (2), 7-9 semi-arid SA-S (3), 10-12 arid A-S (4). Seasons therefore differ from pixel to pixel and year to year, as in Li et al. (2025).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With {RANK_BY} set to &apos;Total profile (sum of the four layers)&apos; (the default), the months are ranked by the sum of the four layers and those seasons are used for every layer. With &apos;Each layer on its own&apos;, every layer is ranked on its own month order, so the seasonal soil moisture of a layer averages that layer&apos;s own wettest, ..., driest months; {SEASON_CODES} still holds the total-profile codes and {SEASON_CODES_LAYERS} the per-layer codes (bands &apos;YYYY-MM 0-10 cm&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ties go to the earlier month as the wetter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pixel-year with a missing month in any layer is NaN in every output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Years without all 12 months in the inputs are left out (the log lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sums and means are taken in double precision; a result beyond the float32 range of the outputs is written as NaN, with a warning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{SEASON_CODES}: bands YYYY-MM, values 1-4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{SEASONAL_0_10} ... {SEASONAL_100_200}: SM of season s in year t, the mean of the layer over the season&apos;s three months, in kg m-2, bands &apos;YYYY H-S&apos;, &apos;YYYY SH-S&apos;, &apos;YYYY SA-S&apos;, &apos;YYYY A-S&apos; year by year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ANNUAL_TSM}: total soil moisture, the sum over layers of the annual mean, in kg m-2, bands YYYY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The four seasonal means of a layer average to its annual mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soil moisture %s cm (monthly)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly stack (bands YYYY-MM, kg m-2) of the %s cm layer, quality-controlled (e.g. by &apos;Remove non-physical soil moisture&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank months by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total profile (sum of the four layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each layer on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which soil moisture decides the month order of each pixel-year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Season codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, one band per month labelled YYYY-MM: the season code of the month from the total profile (1 H-S, 2 SH-S, 3 SA-S, 4 A-S).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Season codes of each layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only with {RANK_BY} set to &apos;Each layer on its own&apos; (otherwise not written): GeoTIFF with the season codes (1-4) of every layer, bands &apos;YYYY-MM 0-10 cm&apos; ... &apos;YYYY-MM 100-200 cm&apos;, layer by layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, kg m-2: the mean of the %s cm layer over each season&apos;s three months, bands &apos;YYYY H-S&apos;, &apos;YYYY SH-S&apos;, &apos;YYYY SA-S&apos;, &apos;YYYY A-S&apos; year by year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual total soil moisture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, kg m-2, one band per year labelled YYYY: the sum over the four layers of the annual mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasons of %d years (%d-%d) for %d pixels with data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Trend</name>
    <message>
        <source>Sen&apos;s slope and Mann-Kendall trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per pixel, the Theil-Sen slope (units per year) and the Mann-Kendall trend test of a labelled stack: yearly (bands YYYY, e.g. the annual total soil moisture of &apos;Classify wetness seasons&apos;), seasonal (bands &apos;YYYY H-S&apos;; choose the {SEASON}) or monthly (bands YYYY-MM, made into years as {AGGREGATE} says; a year with a missing month is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The original test (the default {METHOD}) is exactly pymannkendall&apos;s original_test: S over pairs of valid years (missing years skipped), tie-corrected variance, continuity correction, normal approximation, two-sided p = 2(1 - Phi(|z|)), tau = S / (n(n-1)/2). Sen&apos;s slope is the exact median over pairs of valid years of the difference divided by their distance in years (found by counting rather than sorting: the same number, faster). Missing years are nodata (NaN; infinite values count as missing too). The four modified tests (Hamed-Rao, Yue-Wang, pre-whitening, trend-free pre-whitening) call pymannkendall for each pixel and are hundreds of times slower; use them on regions or for checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The intercept is the Sen line&apos;s value at the first year of the period (Conover): line = intercept + slope x (year - first year).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{SEASON} is for seasonal stacks only: set with a yearly or monthly stack, it is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pixel with fewer valid years than {MIN_YEARS} is NaN in every band. A constant series has slope 0, S 0, z 0, p 1 (as pymannkendall).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The band trend is -1 (significant decrease), 0 (none) or +1 (significant increase). Significant means |z| &gt; z(1 - alpha/2), i.e. p &lt; alpha, with alpha the {ALPHA}; with {FDR}, the Benjamini-Hochberg q-value over all valid pixels of the output must be &lt;= alpha (band q_value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {SUMMARY} (CSV, one row) gives, as in section 3.1 of the paper, the number of pixels, the area-weighted (cos latitude) and unweighted mean slope, and the percent of area decreasing, increasing, significantly decreasing/increasing, and decreasing/increasing faster than the {THRESHOLD}. The {OUTPUT} is styled by slope; its p-value (break at alpha) and trend-class styles are offered as alternative layer styles (and as .p_value.qml, .trend.qml files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A labelled stack: yearly (YYYY), seasonal (YYYY H-S) or monthly (YYYY-MM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Season (seasonal stacks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a seasonal stack: the season whose series is tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregate months to years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a monthly stack: how the 12 months of a year make its value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First year of the period. Empty: the first year of the stack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year of the period. Empty: the last year of the stack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-sided significance level alpha of the test: significant when p is below alpha.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mann-Kendall variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original (fast)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hamed-Rao (slow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yue-Wang (slow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-whitening (slow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend-free pre-whitening (slow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original: the test as in the paper, vectorised. The others are pymannkendall&apos;s modified tests for autocorrelated series, run pixel by pixel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control the false discovery rate (Benjamini-Hochberg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judge significance by Benjamini-Hochberg q-values over all valid pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum valid years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixels with fewer valid years are NaN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast-change threshold (per year)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {SUMMARY} reports the area changing faster than this, in the stack&apos;s units per year (kg m-2 per year for soil moisture).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF, bands slope (units per year), intercept, p_value, z, tau, s, trend (and q_value with {FDR}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, one row: the area shares of decreasing and increasing pixels (section 3.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d-%d: %d pixels, mean slope %.4g %s (area-weighted); %.1f%% of area decreasing (%.1f%% significantly), %.1f%% faster than %g %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TsmvAlgorithm</name>
    <message>
        <source>Soil moisture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What TSMV guarantees:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs appear whole or not at all: every file is written under a temporary name in its folder, checked, and renamed into place only when all are complete; after an error, a cancel or SIGTERM no requested file is created or changed and no temporary is left (a missing output folder is created, and removed again if the run fails).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs are never modified: an output on an input, or two outputs on one file, is refused before any work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster inputs must be geographic WGS 84 (EPSG:4326); a GeoTIFF without a CRS is taken as EPSG:4326 when its extent is in degrees; any other CRS is refused (reproject with gdalwarp -t_srs EPSG:4326).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacks are read by band label, in any band order; a label used twice is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method: Li Y. et al. (2025) Global soil moisture dynamics: attribution of contributions and their association with GPP. Front. Plant Sci. 16:1691082.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: out of memory; try a smaller extent or period, or free memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s failed unexpectedly (%s: %s); no output was written. Please report this with the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s must be a whole number, not %r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s %s: the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s must be a raster file (GeoTIFF), not a %s layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TsmvModel</name>
    <message>
        <source>Runs the TSMV chain on a folder of GLDAS-Noah monthly files, as in Li et al. (2025): import, quality control, wetness seasons, then for each of two periods the trend of total soil moisture and the attribution of its variability, and an HTML report of everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the GLDAS-Noah folder and the two periods ({START_A}..{END_A} and {START_B}..{END_B}; the paper compares 1948-1999 with 2000-2024). The report, the trends and the dominant components are loaded into the project when the run ends; every other output is written to a temporary file unless you choose a file for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each step is one TSMV algorithm with its defaults; open a step&apos;s own help for what it computes and the choices it makes. To change a setting (for example the significance level of the trend), run the algorithms one by one or edit a copy of this model in the Graphical Modeler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It also maps the four ecosystems of MODIS MCD12C1 land cover ({LANDCOVER}) onto the soil-moisture grid, aggregates GOSIF GPP ({GOSIF}) to the same grid and months, and correlates seasonal soil moisture with GPP in every season and depth, per ecosystem.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
