"""tsmv:attribution - Attribute total soil-moisture variability (Li et al. 2025, sections 2.3-2.4)."""
from qgis.core import (QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ..processing_provider.base import QT_TRANSLATE_NOOP, TsmvAlgorithm
from ..processing_provider.compat import NumberType
from ..tsmv_qgis.steps.attribution import MAX_SEED, attribution_bands, run_attribution


class Attribution(TsmvAlgorithm):
    NAME = "attribution"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("Attribution", "6 Attribute TSM variability")
    TAGS = ("attribution", "variance", "TSM", "IAV")

    COMPONENTS = "COMPONENTS"
    BY_SEASON = "BY_SEASON"
    BY_DEPTH = "BY_DEPTH"
    BY_DYNAMIC = "BY_DYNAMIC"
    OMEGA = "OMEGA"
    DOMINANT = "DOMINANT"
    COMPONENTS_LOWER = "COMPONENTS_LOWER"
    COMPONENTS_UPPER = "COMPONENTS_UPPER"
    TABLE = "TABLE"
    BOOTSTRAP = "BOOTSTRAP"
    BLOCK = "BLOCK"
    SEED = "SEED"
    #: {output name: key of the core's outputs} of the rasters, in the order declared.
    RASTERS = {COMPONENTS: "components", BY_SEASON: "by_season", BY_DEPTH: "by_depth",
               BY_DYNAMIC: "by_dynamic", OMEGA: "omega", DOMINANT: "dominant"}
    #: The rasters of the bootstrap, written only when asked for (and BOOTSTRAP is above 0).
    BOUNDS = {COMPONENTS_LOWER: "components_lower", COMPONENTS_UPPER: "components_upper"}
    NAMES = dict({"outputs." + key: name for name, key in list(RASTERS.items()) + list(BOUNDS.items())},
                 **{"outputs.table": TABLE, "bootstrap": BOOTSTRAP, "block": BLOCK, "seed": SEED})

    def help_blocks(self):
        return [
            self.tr("Splits the variance of each pixel's total soil moisture TSM(t) over the period "
                    "from the {START_YEAR} to the {END_YEAR} into 32 contributions: 4 wetness "
                    "seasons × 4 depths × {long-term trend, interannual variability (IAV)}, as in "
                    "Li et al. (2025), eq. 1-10."),
            self.tr("With x<sub>s,d</sub>(t) = SM<sub>s,d</sub>(t)/4 (SM<sub>s,d</sub>: the seasonal "
                    "soil moisture stacks of 'Classify wetness seasons', kg m-2), TSM(t) = "
                    "Σ<sub>s,d</sub> x<sub>s,d</sub>(t). α and α<sub>s,d</sub> are ordinary-least-squares "
                    "lines on the year, β and β<sub>s,d</sub> the residuals. RC<sup>Trend</sup><sub>s,d</sub> "
                    "= Cov(α, α<sub>s,d</sub>) / Var(TSM) and RC<sup>IAV</sup><sub>s,d</sub> = Cov(β, "
                    "β<sub>s,d</sub>) / Var(TSM), in percent; the 32 terms sum to 100 percent at every "
                    "pixel. ω<sub>s,d</sub> = (RC<sup>Trend</sup><sub>s,d</sub> + "
                    "RC<sup>IAV</sup><sub>s,d</sub>) / P<sub>s,d</sub>, where P<sub>s,d</sub> is the "
                    "component's share of mean TSM (percent): ω > 1 means the component moves TSM more "
                    "than its share of the water."),
            self.tr("Choices made for you:"), [
                self.tr("Only the 0-10 cm stack needs to be given: the other seasonal stacks left "
                        "empty are taken from the run that wrote it, which recorded where it wrote "
                        "them (a file counts only when it records being that output of that run; files "
                        "moved together are found beside it). If they cannot be found, the run is "
                        "refused and says which to give."),
                self.tr("The period needs at least 3 years, and the stacks every season of every "
                        "year of it; otherwise it is refused."),
                self.tr("A pixel needs every season of every year of the period in all four "
                        "layers; otherwise, or if its TSM is constant (a standard deviation of at "
                        "most 1e-9 of its mean), it is NaN."),
                self.tr("The {DOMINANT} holds the two largest signed terms (eq. 10); ties go to the "
                        "smaller code. Codes are k = 1 + 16c + 4s + d, named in the legend ('IAV "
                        "SA-S 100-200 cm')."),
                self.tr("The means of the {TABLE} are area-weighted (cos latitude) over valid "
                        "pixels, with unweighted means beside them; mean_omega is the area-weighted "
                        "mean omega of the season-depth."),
                self.tr("The log says how many pixels were attributed and why the others were not "
                        "(no data in the period, a missing season-year, a constant TSM); the outputs "
                        "record it too (metadata TSMV_COVERAGE). One missing month removes a pixel "
                        "from the attribution of the whole period, while the trend only skips that "
                        "year."),
                self.tr("A period made from both GLDAS V2.0 (before 2000) and V2.1 (from 2000) gets "
                        "a warning, as the version change itself can look like a trend or a "
                        "variance."),
                self.tr("With a {BOOTSTRAP} of N replicates (0, the default, runs none), each of the "
                        "32 terms also gets a 95% interval, the {COMPONENTS_LOWER} and "
                        "{COMPONENTS_UPPER}: the 2.5th and 97.5th percentiles (numpy.percentile, "
                        "linear interpolation) of the term over N moving-block bootstrap replicates of "
                        "the period's years (Künsch 1989, Annals of Statistics 17, 1217-1241). A "
                        "replicate draws ceil(n / block) starts of blocks of consecutive years "
                        "uniformly from the first n - block + 1 years of the period and keeps the "
                        "first n years of the blocks put end to end; the 16 series of a pixel take "
                        "the same years. A term whose interval excludes 0 is one the data pin down; "
                        "an interval across 0 says its sign is not known."),
                self.tr("A replicate keeps each drawn value with its own year as the x of the "
                        "least-squares lines, so its lines estimate the same trend and the Trend "
                        "terms vary only as much as the data let them (numbering the drawn years "
                        "0..n-1 instead would scramble the order of the blocks and pull the Trend "
                        "terms to 0)."),
                self.tr("{BLOCK} 0 chooses the block length pixel by pixel from the lag-1 "
                        "autocorrelation r1 of the pixel's TSM around its least-squares line: "
                        "round(n^(1/3) (2 r1 / (1 - r1²))^(2/3)), at least 1 and at most n, the "
                        "length Carlstein (1986, Annals of Statistics 14, 1171-1179) derived for an "
                        "AR(1) series (r1 of 0 or below gives 1, i.e. years drawn one by one). A "
                        "longer block keeps more of the years' autocorrelation; a block longer "
                        "than the period is refused. Pixels with the same block length take the "
                        "same draws; the log lists the block lengths used."),
                self.tr("The same {SEED} gives the same bounds; left empty, a random seed is "
                        "used, and the log and the bounds' metadata say which, so the run "
                        "can be repeated. A replicate whose TSM is constant or that holds a single "
                        "year is left out of the pixel's percentiles. The {TABLE} then also has "
                        "the area-weighted means of the bounds and the percent of the area whose "
                        "interval excludes 0. Asking for the bounds with {BOOTSTRAP} 0 is refused. 1000 replicates of 25 years "
                        "take about 40 s for the 15,000 land pixels of a global 1° grid on 2 cores, some 30 "
                        "times the attribution alone; the time grows with replicates × pixels.")],
            self.tr("Run it once per period (e.g. 1948-1999 and 2000-2024) to compare periods.")]

    def declare(self):
        bands = attribution_bands()  # the band maps of the outputs (GLDAS's depths; another product's its own)
        self.add_layer_inputs(self.tr("Seasonal soil moisture %s cm"),
                              self.tr("Seasonal stack (kg m-2) of the %s cm layer from 'Classify "
                                      "wetness seasons' (bands 'YYYY H-S' ... 'YYYY A-S')."),
                              of_one_run=True)
        self.add_years(self.tr("First year of the period. Empty: the first year of the stacks."),
                       self.tr("Last year of the period. Empty: the last year of the stacks."))
        self.add(QgsProcessingParameterNumber(self.BOOTSTRAP, self.tr("Bootstrap replicates"),
                                              NumberType.Integer, 0, False, 0, 1000000),
                 self.tr("Moving-block bootstrap replicates for the 95% intervals of the 32 terms (e.g. "
                         "1000); 0: no intervals."))
        self.add(QgsProcessingParameterNumber(self.BLOCK, self.tr("Bootstrap block length (years)"),
                                              NumberType.Integer, 0, False, 0, 9999),
                 self.tr("Consecutive years per block of the bootstrap, at most the period's years; 0: "
                         "chosen pixel by pixel from the lag-1 autocorrelation of TSM."))
        self.add(QgsProcessingParameterNumber(self.SEED, self.tr("Bootstrap random seed"),
                                              NumberType.Integer, None, True, 0, MAX_SEED),
                 self.tr("The same seed gives the same intervals; empty: a random seed, which the log "
                         "reports."))
        self.add(QgsProcessingParameterRasterDestination(
            self.COMPONENTS, self.tr("Contributions of the 32 components")),
            self.tr("GeoTIFF, percent of Var(TSM): the RC of each component, band 1 + 16c + 4s + d "
                    "for dynamic c (0 Trend, 1 IAV), season s (0 H-S ... 3 A-S), depth d (0 0-10 cm "
                    "... 3 100-200 cm), labelled %s.") % bands["components"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.BY_SEASON, self.tr("Contributions by season")),
                 self.tr("GeoTIFF, percent of Var(TSM): the sum over depths and dynamics, bands %s.") % bands["by_season"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.BY_DEPTH, self.tr("Contributions by depth")),
                 self.tr("GeoTIFF, percent of Var(TSM): the sum over seasons and dynamics, bands %s (the product's "
                         "layers).") % bands["by_depth"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.BY_DYNAMIC, self.tr("Contributions by dynamic")),
                 self.tr("GeoTIFF, percent of Var(TSM): the sum over seasons and depths, bands %s.") % bands["by_dynamic"].listed())
        self.add(QgsProcessingParameterRasterDestination(
            self.OMEGA, self.tr("Contribution per unit of storage (omega)")),
            self.tr("GeoTIFF, a ratio without unit: omega = (RC Trend + RC IAV) / P, P the "
                    "component's share of mean TSM (percent); band 1 + 4s + d, labelled %s.") % bands["omega"].listed())
        self.add(QgsProcessingParameterRasterDestination(self.DOMINANT, self.tr("Dominant components")),
                 self.tr("GeoTIFF, bands %s: the codes "
                         "(1-32) and the contributions (percent of Var(TSM)) of the two largest of "
                         "the 32 signed terms.") % bands["dominant"].listed())
        for name, title, side in ((self.COMPONENTS_LOWER, self.tr("Lower bounds of the contributions"),
                                   self.tr("2.5th")),
                                  (self.COMPONENTS_UPPER, self.tr("Upper bounds of the contributions"),
                                   self.tr("97.5th"))):
            self.add(QgsProcessingParameterRasterDestination(name, title, optional=True, createByDefault=False),
                     self.tr("GeoTIFF, percent of Var(TSM), 32 bands labelled as the COMPONENTS: the %s "
                             "percentile of each term over the bootstrap replicates (needs BOOTSTRAP "
                             "above 0).") % side)
        self.add(QgsProcessingParameterFileDestination(self.TABLE, self.tr("Attribution table"),
                                                       self.tr("CSV files (*.csv)")),
                 self.tr("CSV, one row per component (32): code, dynamic, season, depth, "
                         "mean_percent (area-weighted, percent of Var(TSM)), mean_percent_unweighted, "
                         "mean_omega (area-weighted), pixels, mean_lower (with BOOTSTRAP: the "
                         "area-weighted mean of the lower bounds), mean_upper (of the upper bounds), "
                         "percent_excluding_zero (with BOOTSTRAP: percent of the area whose interval "
                         "excludes 0)."))

    def compute(self, parameters, context, feedback):
        inputs = self.layer_inputs(parameters, context)
        paths = {name: self.output_raster(parameters, name, context) for name in self.RASTERS}
        outputs = {key: paths[name] for name, key in self.RASTERS.items()}
        for name, key in self.BOUNDS.items():
            if parameters.get(name):
                outputs[key] = paths[name] = self.output_raster(parameters, name, context)
        outputs["table"] = self.output_file(parameters, self.TABLE, context, ".csv")
        seed = None if self.unset(parameters, self.SEED) else self.parameterAsInt(parameters, self.SEED, context)
        table = run_attribution(inputs, outputs, *self.years(parameters), progress=self.progress(feedback),
                                log=self.log(feedback),
                                bootstrap=self.parameterAsInt(parameters, self.BOOTSTRAP, context),
                                block=self.parameterAsInt(parameters, self.BLOCK, context), seed=seed)
        period = self.period_of(paths[self.COMPONENTS], self.COMPONENTS)
        trend = sum(row.mean_percent for row in table if row.dynamic == "Trend")
        feedback.pushInfo(self.tr("%s: %d pixels attributed; area-weighted Trend %.1f%%, IAV %.1f%% "
                                  "of Var(TSM)") % (period, table[0].pixels, trend, 100.0 - trend))
        for path in paths.values():
            self.style_on_load(context, path, period)
        paths[self.TABLE] = outputs["table"]
        return paths
