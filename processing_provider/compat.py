"""The QGIS enums whose spelling depends on the QGIS version, from 3.22 (our minimum) to QGIS 4.

Each name here is the newest spelling the running QGIS has; the rest of the plugin takes
these enums from this module only, so that the version test is made once, here.  The
values are the same integers in every version (models/*.model3 store them).
"""
from qgis.core import (Qgis, QgsProcessing, QgsProcessingParameterDefinition, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber, QgsWkbTypes)

#: Integer / Double of a number parameter: Qgis.ProcessingNumberParameterType since QGIS 3.36,
#: QgsProcessingParameterNumber.Type before.
NumberType = (Qgis.ProcessingNumberParameterType if hasattr(Qgis, "ProcessingNumberParameterType")
              else QgsProcessingParameterNumber.Type)

#: File / Folder of a file parameter: Qgis.ProcessingFileParameterBehavior since QGIS 3.36,
#: QgsProcessingParameterFile.Behavior before.
FileBehavior = (Qgis.ProcessingFileParameterBehavior if hasattr(Qgis, "ProcessingFileParameterBehavior")
                else QgsProcessingParameterFile.Behavior)

#: The "optional" flag of a parameter: Qgis.ProcessingParameterFlag.Optional since QGIS 3.36,
#: QgsProcessingParameterDefinition.Flag.FlagOptional before.
OPTIONAL = (Qgis.ProcessingParameterFlag.Optional if hasattr(Qgis, "ProcessingParameterFlag")
            else QgsProcessingParameterDefinition.Flag.FlagOptional)

#: The "advanced" flag of a parameter: Qgis.ProcessingParameterFlag.Advanced since QGIS 3.36,
#: QgsProcessingParameterDefinition.Flag.FlagAdvanced before.
ADVANCED = (Qgis.ProcessingParameterFlag.Advanced if hasattr(Qgis, "ProcessingParameterFlag")
            else QgsProcessingParameterDefinition.Flag.FlagAdvanced)

#: Polygon vector layers of a feature-source parameter: Qgis.ProcessingSourceType since QGIS
#: 3.36, QgsProcessing.SourceType before.
POLYGONS = (Qgis.ProcessingSourceType.VectorPolygon if hasattr(Qgis, "ProcessingSourceType")
            else QgsProcessing.SourceType.TypeVectorPolygon)

#: The polygon type of a geometry (QgsGeometry.type()): Qgis.GeometryType since QGIS 3.30,
#: QgsWkbTypes.GeometryType before.
POLYGON_GEOMETRY = (Qgis.GeometryType.Polygon if hasattr(Qgis, "GeometryType")
                    else QgsWkbTypes.GeometryType.PolygonGeometry)
